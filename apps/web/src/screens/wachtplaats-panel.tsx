import { useEffect, useState } from 'preact/hooks';
import { api, describeError, type Aanbod, type CaseEvent, type Me, type ReferralState, type WachtlijstPosition } from '../api';
import { AANBOD_KIND_LABELS, labelOf, OVERBRUGGING_LABELS, PLACE_STATUS_LABELS } from '../aanbod-labels';
import { dateTime } from '../labels';
import { Answer, Field } from '../ui';

/**
 * The case's place at its aanbod (issue 11 §2): waiting on the wachtlijst (stage wacht_op_plaats) or holding a
 * place, with the aanbod from the catalogue and the position. GET /api/referrals/:id does not carry the current
 * position or overbrugging, so the position shown is the one on joining (timeline wachtlijst.joined) until an
 * overbrugging step answers with the current one.
 */
export function WachtplaatsPanel(props: { me: Me; state: ReferralState; events: CaseEvent[] }) {
  const toewijzing = props.state.toewijzingen[props.state.toewijzingen.length - 1];
  const place = toewijzing?.place;
  const [aanbod, setAanbod] = useState<Aanbod | null>(null);
  const [position, setPosition] = useState<WachtlijstPosition | null>(null);
  const [form, setForm] = useState('ambulanteHulp');
  const [answer, setAnswer] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const allowed = (action: string) => props.me.allowedActions.includes(action);

  useEffect(() => {
    if (place === undefined || !allowed('provider.view')) return;
    api<Aanbod>(`/providers/${place.aanbodId}`)
      .then(setAanbod)
      .catch(() => setAanbod(null));
  }, [place?.aanbodId]);

  if (place === undefined) return null;
  const waiting = props.state.stage === 'wacht_op_plaats' && (position?.status ?? place.status) === 'wachtend';
  const joined = [...props.events].reverse().find((event) => event.type === 'wachtlijst.joined' && event.data['aanbodId'] === place.aanbodId);
  const joinedPosition = typeof joined?.data['position'] === 'number' ? (joined.data['position'] as number) : null;

  async function overbrugging(end: boolean): Promise<void> {
    setBusy(true);
    try {
      const answered = await api<WachtlijstPosition>(`/referrals/${props.state.referralId}/overbrugging${end ? '/end' : ''}`, {
        method: 'POST',
        body: end ? {} : { form },
        // One key per press: a retried request is applied once; a second press is a new period.
        headers: { 'Idempotency-Key': `web-${crypto.randomUUID()}` },
      });
      setPosition(answered);
      setAnswer({
        ok: true,
        text: end
          ? 'De overbrugging is beëindigd. Het kind wacht weer onder de kortere norm zonder overbrugging.'
          : `Overbrugging vastgelegd: ${labelOf(OVERBRUGGING_LABELS, answered.overbrugging ?? form)}.`,
      });
    } catch (error) {
      setAnswer({ ok: false, text: describeError(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="plaats-title" class="panel">
      <h2 id="plaats-title">{waiting ? 'Wachten op een plaats' : 'Plaats bij het aanbod'}</h2>
      <dl class="facts">
        <dt>Aanbod</dt>
        <dd>{aanbod === null ? place.aanbodId : `${aanbod.name} (${labelOf(AANBOD_KIND_LABELS, aanbod.kind)}, ${aanbod.aanbieder.name})`}</dd>
        <dt>Status</dt>
        <dd>{labelOf(PLACE_STATUS_LABELS, position?.status ?? place.status)}</dd>
        <dt>{waiting ? 'Wacht sinds' : 'Sinds'}</dt>
        <dd>{dateTime(place.since)}</dd>
        {waiting && (
          <>
            <dt>Positie</dt>
            <dd>
              {position?.position != null
                ? `${position.position} van ${position.waiting} wachtenden`
                : joinedPosition !== null
                  ? `${joinedPosition} (bij plaatsing op de wachtlijst)`
                  : 'Onbekend'}
            </dd>
          </>
        )}
        {aanbod !== null && (
          <>
            <dt>Plaatsen</dt>
            <dd>
              {aanbod.capacity} in totaal, {aanbod.placesTaken} bezet, {aanbod.freePlaces} vrij
            </dd>
          </>
        )}
        {position !== null && (
          <>
            <dt>Overbrugging</dt>
            <dd>{position.overbrugging === null ? 'Geen' : labelOf(OVERBRUGGING_LABELS, position.overbrugging)}</dd>
          </>
        )}
      </dl>
      <Answer answer={answer} />
      {waiting && allowed('referral.overbrugging') && (
        <form class="form form--inline" aria-label="Overbruggingszorg vastleggen" onSubmit={(event) => { event.preventDefault(); void overbrugging(false); }}>
          <Field id="overbrugging-form" label="Overbruggingszorg" hint="Hulp die het kind krijgt zolang het wacht; zonder overbrugging escaleert het wachten eerder.">
            <select id="overbrugging-form" value={form} onChange={(e) => setForm(e.currentTarget.value)} aria-describedby="overbrugging-form-hint">
              {Object.entries(OVERBRUGGING_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </Field>
          <div class="actions">
            <button type="submit" disabled={busy}>
              Overbrugging vastleggen
            </button>
            <button type="button" class="secondary" disabled={busy} onClick={() => void overbrugging(true)}>
              Overbrugging beëindigen
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
