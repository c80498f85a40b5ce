import { useState } from 'preact/hooks';
import { api, ApiError, describeError, type Me } from '../api';
import { CONCERN_AREAS, SECTORS } from '../labels';
import { Answer, described, Field } from '../ui';

type Errors = Record<string, string>;

interface FormValues {
  childRef: string;
  brin: string;
  sector: string;
  area: string;
  description: string;
  isThuiszitter: boolean;
  since: string;
  informed: boolean;
  consent: boolean;
  summary: string;
}

/** The same rules as the API's schema (libs/domain referral-request.schema.ts), in Dutch, checked as you type. */
function check(values: FormValues): Errors {
  const errors: Errors = {};
  const ref = values.childRef.trim();
  if (ref === '') errors['childRef'] = 'Vul de leerlingreferentie in.';
  else if (/^\d{8,9}$/.test(ref)) errors['childRef'] = 'Dit lijkt op een BSN. Gebruik nooit het BSN, alleen de pseudoniem-referentie van de leerling.';
  else if (!/^[A-Za-z0-9-]{6,64}$/.test(ref)) errors['childRef'] = 'Gebruik 6 tot 64 letters, cijfers of streepjes (bijvoorbeeld lln-7f3a9c).';
  if (!/^\d{2}[A-Z]{2}(\d{2})?$/.test(values.brin)) errors['brin'] = 'Een BRIN-code is twee cijfers en twee hoofdletters, eventueel gevolgd door twee cijfers (bijvoorbeeld 12AB).';
  if (values.description.trim() === '') errors['description'] = 'Beschrijf de zorg.';
  if (values.isThuiszitter && values.since === '') errors['since'] = 'Vul in sinds wanneer de leerling thuis zit.';
  if (!values.informed) errors['informed'] = 'De ouders moeten geïnformeerd zijn voordat u aanmeldt.';
  if (values.summary.trim() === '') errors['summary'] = 'Vat de ondersteuningsvraag samen.';
  return errors;
}

/** The API names fields by their path in the body; the form by its own ids. */
const FIELD_OF: Record<string, string> = {
  childRef: 'childRef',
  'school.brin': 'brin',
  'school.sector': 'sector',
  'concerns.0.description': 'description',
  'concerns.0.area': 'area',
  'thuiszitter.since': 'since',
  'parents.informed': 'informed',
  summary: 'summary',
};

/** Aanmelden: the school refers a pupil, known only by a pseudonymous reference. */
export function ReferralForm(props: { me: Me; onSubmitted: (referralId: string) => void }) {
  const [values, setValues] = useState<FormValues>({
    childRef: '',
    brin: props.me.actor.org ?? '',
    sector: 'PO',
    area: 'leren',
    description: '',
    isThuiszitter: false,
    since: '',
    informed: false,
    consent: false,
    summary: '',
  });
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [serverErrors, setServerErrors] = useState<Errors>({});
  const [answer, setAnswer] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  // One key per filled-in form: a retried submit never starts a second referral.
  const [idempotencyKey] = useState(() => `web-${crypto.randomUUID()}`);

  const errors = { ...check(values), ...serverErrors };
  const shown = (field: string) => (touched[field] ? errors[field] : undefined);

  function set<K extends keyof FormValues>(field: K, value: FormValues[K]): void {
    setValues({ ...values, [field]: value });
    if (serverErrors[field] !== undefined) setServerErrors(Object.fromEntries(Object.entries(serverErrors).filter(([key]) => key !== field)));
  }
  const touch = (field: string) => () => setTouched({ ...touched, [field]: true });

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    const all = Object.fromEntries(Object.keys(FIELD_OF).map((k) => [FIELD_OF[k] as string, true]));
    setTouched(all);
    const problems = check(values);
    if (Object.keys(problems).length > 0) {
      setAnswer({ ok: false, text: `Controleer ${Object.keys(problems).length === 1 ? 'het gemarkeerde veld' : `de ${Object.keys(problems).length} gemarkeerde velden`}.` });
      document.getElementById(Object.keys(problems)[0] ?? '')?.focus();
      return;
    }
    setBusy(true);
    try {
      const started = await api<{ referralId: string }>('/referrals', {
        method: 'POST',
        headers: { 'Idempotency-Key': idempotencyKey },
        body: {
          childRef: values.childRef.trim(),
          school: { brin: values.brin, sector: values.sector },
          concerns: [{ area: values.area, description: values.description.trim() }],
          thuiszitter: values.isThuiszitter ? { isThuiszitter: true, since: values.since } : { isThuiszitter: false },
          parents: { informed: values.informed, consent: values.consent },
          summary: values.summary.trim(),
        },
      });
      props.onSubmitted(started.referralId);
    } catch (error) {
      if (error instanceof ApiError && error.issues.length > 0) {
        setServerErrors(Object.fromEntries(error.issues.map((issue) => [FIELD_OF[issue.field] ?? 'summary', `De server: ${issue.message}`])));
      }
      setAnswer({ ok: false, text: describeError(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section>
      <h1 tabIndex={-1}>Aanmelden</h1>
      <p>Meld een leerling aan bij het loket van het samenwerkingsverband. Gebruik alleen de pseudoniem-referentie, nooit naam of BSN.</p>
      <form class="form" noValidate onSubmit={(event) => void submit(event)}>
        <Answer answer={answer} />
        <Field id="childRef" label="Leerlingreferentie" hint="Het pseudoniem uit uw eigen administratie, bijvoorbeeld lln-7f3a9c." error={shown('childRef')}>
          <input id="childRef" name="childRef" type="text" autoComplete="off" value={values.childRef} onInput={(e) => set('childRef', e.currentTarget.value)} onBlur={touch('childRef')} {...described('childRef', shown('childRef'), true)} />
        </Field>
        <div class="row">
          <Field id="brin" label="BRIN-code van de school" error={shown('brin')}>
            <input id="brin" name="brin" type="text" value={values.brin} onInput={(e) => set('brin', e.currentTarget.value)} onBlur={touch('brin')} {...described('brin', shown('brin'))} />
          </Field>
          <Field id="sector" label="Sector">
            <select id="sector" name="sector" value={values.sector} onChange={(e) => set('sector', e.currentTarget.value)}>
              {SECTORS.map((sector) => (
                <option key={sector} value={sector}>
                  {sector}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <fieldset>
          <legend>Zorg</legend>
          <Field id="area" label="Gebied">
            <select id="area" name="area" value={values.area} onChange={(e) => set('area', e.currentTarget.value)}>
              {CONCERN_AREAS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </Field>
          <Field id="description" label="Beschrijving van de zorg" error={shown('description')}>
            <textarea id="description" name="description" rows={3} value={values.description} onInput={(e) => set('description', e.currentTarget.value)} onBlur={touch('description')} {...described('description', shown('description'))} />
          </Field>
        </fieldset>
        <fieldset>
          <legend>Thuiszitter</legend>
          <div class="check">
            <input id="isThuiszitter" type="checkbox" checked={values.isThuiszitter} onChange={(e) => set('isThuiszitter', e.currentTarget.checked)} />
            <label for="isThuiszitter">De leerling zit thuis (thuiszitter)</label>
          </div>
          {values.isThuiszitter && (
            <Field id="since" label="Thuis sinds" error={shown('since')}>
              <input id="since" type="date" value={values.since} onInput={(e) => set('since', e.currentTarget.value)} onBlur={touch('since')} {...described('since', shown('since'))} />
            </Field>
          )}
        </fieldset>
        <fieldset>
          <legend>Ouders</legend>
          <div class={`check${shown('informed') ? ' field--invalid' : ''}`}>
            <input id="informed" type="checkbox" checked={values.informed} onChange={(e) => { set('informed', e.currentTarget.checked); touch('informed')(); }} {...described('informed', shown('informed'))} />
            <label for="informed">De ouders zijn geïnformeerd over deze aanmelding</label>
          </div>
          {shown('informed') && (
            <p class="field-error" id="informed-error">
              {shown('informed')}
            </p>
          )}
          <div class="check">
            <input id="consent" type="checkbox" checked={values.consent} onChange={(e) => set('consent', e.currentTarget.checked)} />
            <label for="consent">De ouders geven toestemming</label>
          </div>
        </fieldset>
        <Field id="summary" label="Samenvatting van de ondersteuningsvraag" error={shown('summary')}>
          <textarea id="summary" name="summary" rows={4} value={values.summary} onInput={(e) => set('summary', e.currentTarget.value)} onBlur={touch('summary')} {...described('summary', shown('summary'))} />
        </Field>
        <button type="submit" disabled={busy}>
          {busy ? 'Bezig met versturen…' : 'Aanmelding versturen'}
        </button>
      </form>
    </section>
  );
}
