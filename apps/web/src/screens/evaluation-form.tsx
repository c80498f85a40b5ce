import { useState } from 'preact/hooks';
import { api, ApiError, describeError, type ReferralState } from '../api';
import { STAGE_LABELS } from '../labels';
import { Answer, described, Field } from '../ui';

const OUTCOMES: Array<[string, string]> = [
  ['afsluiten', 'Afsluiten: doelen bereikt'],
  ['verlengen', 'Verlengen: zelfde arrangement, nieuwe einddatum'],
  ['bijstellen', 'Bijstellen: nieuw arrangement opstellen'],
  ['opschalen', 'Opschalen: terug naar het loket voor een nieuwe toewijzing'],
];

/** The regisseur records the evaluation once it is due: afsluiten, verlengen, bijstellen or opschalen. */
export function EvaluationForm(props: { referralId: string; onSubmitted: (state: ReferralState) => void }) {
  const [outcome, setOutcome] = useState('afsluiten');
  const [summary, setSummary] = useState('');
  const [endDate, setEndDate] = useState('');
  const [evaluationDate, setEvaluationDate] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [answer, setAnswer] = useState<{ ok: boolean; text: string } | null>(null);

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (summary.trim() === '') problems['summary'] = 'Vat de evaluatie samen.';
    if (outcome === 'verlengen' && endDate === '') problems['endDate'] = 'Vul de nieuwe einddatum in.';
    if (outcome === 'verlengen' && evaluationDate === '') problems['evaluationDate'] = 'Vul de nieuwe evaluatiedatum in.';
    setErrors(problems);
    if (Object.keys(problems).length > 0) {
      document.getElementById(`eval-${Object.keys(problems)[0]}`)?.focus();
      return;
    }
    try {
      const body = outcome === 'verlengen' ? { outcome, summary: summary.trim(), endDate, evaluationDate } : { outcome, summary: summary.trim() };
      const state = await api<ReferralState>(`/referrals/${props.referralId}/evaluation`, { method: 'POST', body });
      setAnswer({ ok: true, text: `Evaluatie vastgelegd. De zaak is nu in fase ${STAGE_LABELS[state.stage] ?? state.stage}.` });
      props.onSubmitted(state);
    } catch (error) {
      if (error instanceof ApiError) setErrors(Object.fromEntries(error.issues.map((issue) => [issue.field, `De server: ${issue.message}`])));
      setAnswer({ ok: false, text: describeError(error) });
    }
  }

  return (
    <form class="form" noValidate onSubmit={(event) => void submit(event)} aria-labelledby="evaluation-form-title">
      <h3 id="evaluation-form-title">Evaluatie vastleggen</h3>
      <Answer answer={answer} />
      <Field id="eval-outcome" label="Uitkomst">
        <select id="eval-outcome" value={outcome} onChange={(e) => setOutcome(e.currentTarget.value)}>
          {OUTCOMES.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </Field>
      <Field id="eval-summary" label="Samenvatting van de evaluatie" error={errors['summary']}>
        <textarea id="eval-summary" rows={3} value={summary} onInput={(e) => setSummary(e.currentTarget.value)} {...described('eval-summary', errors['summary'])} />
      </Field>
      {outcome === 'verlengen' && (
        <div class="row">
          <Field id="eval-endDate" label="Nieuwe einddatum" error={errors['endDate']}>
            <input id="eval-endDate" type="date" value={endDate} onInput={(e) => setEndDate(e.currentTarget.value)} {...described('eval-endDate', errors['endDate'])} />
          </Field>
          <Field id="eval-evaluationDate" label="Nieuwe evaluatiedatum" error={errors['evaluationDate']}>
            <input id="eval-evaluationDate" type="date" value={evaluationDate} onInput={(e) => setEvaluationDate(e.currentTarget.value)} {...described('eval-evaluationDate', errors['evaluationDate'])} />
          </Field>
        </div>
      )}
      <button type="submit">Evaluatie vastleggen</button>
    </form>
  );
}
