import { useState } from 'preact/hooks';
import { api, ApiError, describeError, type ReferralState } from '../api';
import { INTENSITY_LEVELS, LOCATIONS, SUPPORT_KINDS } from '../labels';
import { Answer, described, Field } from '../ui';

function day(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** The school (or the allocated provider) drafts the arrangement the regisseur then approves. */
export function ArrangementForm(props: { referralId: string; onSubmitted: (state: ReferralState) => void }) {
  const [goals, setGoals] = useState('');
  const [kind, setKind] = useState('onderwijszorgarrangement');
  const [level, setLevel] = useState('middel');
  const [hours, setHours] = useState('4');
  const [location, setLocation] = useState('school');
  const [startDate, setStartDate] = useState(day(7));
  const [endDate, setEndDate] = useState(day(200));
  const [evaluationDate, setEvaluationDate] = useState(day(90));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [answer, setAnswer] = useState<{ ok: boolean; text: string } | null>(null);

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    const goalList = goals.split('\n').map((goal) => goal.trim()).filter(Boolean);
    const problems: Record<string, string> = {};
    if (goalList.length === 0) problems['goals'] = 'Noem ten minste één doel.';
    const hoursNumber = Number(hours.replace(',', '.'));
    if (!(hoursNumber > 0 && hoursNumber <= 40)) problems['hours'] = 'Vul een aantal uren tussen 0 en 40 in.';
    if (endDate < startDate) problems['endDate'] = 'De einddatum ligt voor de startdatum.';
    if (evaluationDate > endDate) problems['evaluationDate'] = 'De evaluatie moet uiterlijk op de einddatum zijn.';
    setErrors(problems);
    if (Object.keys(problems).length > 0) {
      document.getElementById(`arr-${Object.keys(problems)[0]}`)?.focus();
      return;
    }
    try {
      const state = await api<ReferralState>(`/referrals/${props.referralId}/arrangement`, {
        method: 'POST',
        body: { goals: goalList, kind, intensity: { level, hoursPerWeek: hoursNumber }, location: { kind: location }, startDate, endDate, evaluationDate },
      });
      setAnswer({ ok: true, text: 'Het arrangement is ingediend en wacht op goedkeuring van de regisseur.' });
      props.onSubmitted(state);
    } catch (error) {
      if (error instanceof ApiError) setErrors(Object.fromEntries(error.issues.map((issue) => [issue.field.split('.')[0] ?? 'goals', `De server: ${issue.message}`])));
      setAnswer({ ok: false, text: describeError(error) });
    }
  }

  const err = (field: string) => errors[field];
  return (
    <form class="form" noValidate onSubmit={(event) => void submit(event)} aria-labelledby="arrangement-form-title">
      <h3 id="arrangement-form-title">Arrangement opstellen</h3>
      <Answer answer={answer} />
      <Field id="arr-goals" label="Doelen (één per regel)" error={err('goals')}>
        <textarea id="arr-goals" rows={3} value={goals} onInput={(e) => setGoals(e.currentTarget.value)} {...described('arr-goals', err('goals'))} />
      </Field>
      <div class="row">
        <Field id="arr-kind" label="Soort ondersteuning">
          <select id="arr-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
            {SUPPORT_KINDS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </Field>
        <Field id="arr-level" label="Intensiteit">
          <select id="arr-level" value={level} onChange={(e) => setLevel(e.currentTarget.value)}>
            {INTENSITY_LEVELS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </Field>
        <Field id="arr-hours" label="Uren per week" error={err('hours')}>
          <input id="arr-hours" type="text" inputMode="decimal" value={hours} onInput={(e) => setHours(e.currentTarget.value)} {...described('arr-hours', err('hours'))} />
        </Field>
        <Field id="arr-location" label="Locatie">
          <select id="arr-location" value={location} onChange={(e) => setLocation(e.currentTarget.value)}>
            {LOCATIONS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div class="row">
        <Field id="arr-startDate" label="Startdatum" error={err('startDate')}>
          <input id="arr-startDate" type="date" value={startDate} onInput={(e) => setStartDate(e.currentTarget.value)} {...described('arr-startDate', err('startDate'))} />
        </Field>
        <Field id="arr-endDate" label="Einddatum" error={err('endDate')}>
          <input id="arr-endDate" type="date" value={endDate} onInput={(e) => setEndDate(e.currentTarget.value)} {...described('arr-endDate', err('endDate'))} />
        </Field>
        <Field id="arr-evaluationDate" label="Evaluatiedatum" error={err('evaluationDate')}>
          <input id="arr-evaluationDate" type="date" value={evaluationDate} onInput={(e) => setEvaluationDate(e.currentTarget.value)} {...described('arr-evaluationDate', err('evaluationDate'))} />
        </Field>
      </div>
      <button type="submit">Arrangement indienen</button>
    </form>
  );
}
