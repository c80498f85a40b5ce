import { useState } from 'preact/hooks';
import { api, describeError, type ReferralState } from '../api';
import { STAGE_LABELS } from '../labels';
import { Answer, described, Field } from '../ui';

/**
 * Goedkeuren or afwijzen of an arrangement ter goedkeuring, by the regisseur. The server's answer is shown as
 * it came: the new stage, or the refusal with its code (e.g. 403 NOT_ASSIGNED_REGISSEUR for a colleague).
 */
export function ArrangementDecision(props: { referralId: string; label: string; onDecided?: (state: ReferralState) => void }) {
  const key = props.referralId.slice(0, 8);
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [rejecting, setRejecting] = useState(false);
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);
  const [answer, setAnswer] = useState<{ ok: boolean; text: string } | null>(null);
  const [decided, setDecided] = useState(false);

  async function decide(kind: 'approve' | 'reject'): Promise<void> {
    if (kind === 'reject' && reason.trim() === '') {
      setReasonError('Geef een reden voor de afwijzing.');
      document.getElementById(`reason-${key}`)?.focus();
      return;
    }
    setReasonError(undefined);
    try {
      const body = kind === 'approve' ? (note.trim() ? { note: note.trim() } : {}) : { reason: reason.trim() };
      const state = await api<ReferralState>(`/referrals/${props.referralId}/arrangement/${kind}`, { method: 'POST', body });
      setDecided(true);
      setAnswer({
        ok: true,
        text: kind === 'approve' ? `Goedgekeurd. De zaak is nu in fase ${STAGE_LABELS[state.stage] ?? state.stage}.` : `Afgewezen. Het arrangement gaat terug naar de opsteller.`,
      });
      props.onDecided?.(state);
    } catch (error) {
      setAnswer({ ok: false, text: describeError(error) });
    }
  }

  return (
    <div class="decision">
      <Answer answer={answer} />
      {!decided && (
        <form class="form" onSubmit={(event) => { event.preventDefault(); void decide('approve'); }} aria-label={`Besluit over ${props.label}`}>
          <Field id={`note-${key}`} label="Notitie bij goedkeuring (optioneel)">
            <input id={`note-${key}`} type="text" value={note} onInput={(e) => setNote(e.currentTarget.value)} />
          </Field>
          {rejecting && (
            <Field id={`reason-${key}`} label="Reden van afwijzing" error={reasonError}>
              <textarea id={`reason-${key}`} rows={2} value={reason} onInput={(e) => setReason(e.currentTarget.value)} {...described(`reason-${key}`, reasonError)} />
            </Field>
          )}
          <div class="actions">
            <button type="submit">Goedkeuren</button>
            <button type="button" class="secondary" onClick={() => (rejecting ? void decide('reject') : setRejecting(true))}>
              {rejecting ? 'Afwijzing versturen' : 'Afwijzen'}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
