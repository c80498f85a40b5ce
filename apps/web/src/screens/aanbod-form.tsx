import { useEffect, useRef, useState } from 'preact/hooks';
import { apiWithTag, ApiError, describeError, type Aanbod, type Me } from '../api';
import {
  AANBOD_KIND_LABELS,
  AanbodKindOptions,
  AANBOD_SECTORS,
  CONTACT_ROLE_LABELS,
  FUNDER_LABELS,
  INTAKE_ROUTE_LABELS,
  labelOf,
  ROUTE_SHORT_LABELS,
  ROUTES_OF_KIND,
  SECTOR_LABELS,
} from '../aanbod-labels';
import { Answer, described, Field } from '../ui';

type Errors = Record<string, string>;

interface Values {
  aanbiederCode: string;
  aanbiederName: string;
  name: string;
  kind: string;
  route: string;
  funders: string[];
  region: string;
  wijken: string;
  sectors: string[];
  agesFrom: string;
  agesTo: string;
  capacity: string;
  intakeRoutes: string[];
  contactRole: string;
  mailbox: string;
  phone: string;
  description: string;
}

function valuesOf(aanbod: Aanbod): Values {
  return {
    aanbiederCode: aanbod.aanbieder.code,
    aanbiederName: aanbod.aanbieder.name,
    name: aanbod.name,
    kind: aanbod.kind,
    route: aanbod.route,
    funders: aanbod.funders,
    region: aanbod.region,
    wijken: aanbod.wijken.join(', '),
    sectors: aanbod.sectors,
    agesFrom: String(aanbod.ages.from),
    agesTo: String(aanbod.ages.to),
    capacity: String(aanbod.capacity),
    intakeRoutes: aanbod.intakeRoutes,
    contactRole: aanbod.contact.role,
    mailbox: aanbod.contact.mailbox,
    phone: aanbod.contact.phone ?? '',
    description: aanbod.description ?? '',
  };
}

const whole = (value: string) => (/^\d+$/.test(value.trim()) ? Number(value.trim()) : NaN);

/** The request body as the API's aanbodRequestSchema reads it (libs/domain provider/aanbod.schema.ts). */
function bodyOf(values: Values): Record<string, unknown> {
  const wijken = values.wijken.split(',').map((wijk) => wijk.trim()).filter(Boolean);
  return {
    aanbieder: { code: values.aanbiederCode.trim(), name: values.aanbiederName.trim() },
    name: values.name.trim(),
    kind: values.kind,
    route: values.route,
    funders: values.funders,
    region: values.region.trim(),
    wijken,
    sectors: values.sectors,
    ages: { from: whole(values.agesFrom), to: whole(values.agesTo) },
    capacity: whole(values.capacity),
    intakeRoutes: values.intakeRoutes,
    contact: { role: values.contactRole, mailbox: values.mailbox.trim(), ...(values.phone.trim() ? { phone: values.phone.trim() } : {}) },
    description: values.description.trim() === '' ? null : values.description.trim(),
  };
}

/** The API's rules in Dutch, checked before sending; the server checks them again (and the contact rules in full). */
function check(values: Values): Errors {
  const errors: Errors = {};
  if (values.aanbiederCode.trim() === '') errors['aanbiederCode'] = 'Vul de code van de aanbieder in (zoals in de tokens van haar medewerkers).';
  if (values.aanbiederName.trim().length < 2) errors['aanbiederName'] = 'Vul de naam van de aanbieder in.';
  if (values.name.trim().length < 2) errors['name'] = 'Vul de naam van het aanbod in.';
  if (!(ROUTES_OF_KIND[values.kind] ?? []).includes(values.route)) {
    errors['route'] = `Een ${labelOf(AANBOD_KIND_LABELS, values.kind)} hoort bij de route ${(ROUTES_OF_KIND[values.kind] ?? []).map((r) => labelOf(ROUTE_SHORT_LABELS, r)).join(' of ')}.`;
  }
  if (values.funders.length === 0) errors['funders'] = 'Kies ten minste één financier.';
  if (values.region.trim() === '') errors['region'] = 'Vul de regio in (het samenwerkingsverband, bijvoorbeeld swv-2801).';
  if (values.kind === 'wijkteam' && values.wijken.trim() === '') errors['wijken'] = 'Een wijkteam werkt per wijk: noem de wijk(en).';
  if (values.sectors.length === 0) errors['sectors'] = 'Kies ten minste één sector.';
  const from = whole(values.agesFrom);
  const to = whole(values.agesTo);
  if (Number.isNaN(from) || from > 30) errors['agesFrom'] = 'Vul een leeftijd in hele jaren in (0 tot 30).';
  if (Number.isNaN(to) || to > 30) errors['agesTo'] = 'Vul een leeftijd in hele jaren in (0 tot 30).';
  else if (!Number.isNaN(from) && to < from) errors['agesTo'] = 'De leeftijd tot mag niet lager zijn dan de leeftijd vanaf.';
  const capacity = whole(values.capacity);
  if (Number.isNaN(capacity) || capacity > 10_000) errors['capacity'] = 'Vul het aantal plaatsen in als heel getal (0 tot 10.000).';
  if (values.intakeRoutes.length === 0) errors['intakeRoutes'] = 'Kies ten minste één intakeroute.';
  else if (['sbo', 'so', 'vso', 'pro'].includes(values.kind) && !values.intakeRoutes.includes('tlv')) errors['intakeRoutes'] = 'Plaatsing op deze school vraagt een toelaatbaarheidsverklaring: kies ook TLV.';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.mailbox.trim())) errors['mailbox'] = 'Vul een functiemailbox in, bijvoorbeeld intake@aanbieder.nl.';
  return errors;
}

/** The API names a field by its path in the body (e.g. contact.mailbox, ages.to); the form by its own ids. */
function fieldOf(path: string): string {
  const map: Record<string, string> = {
    'aanbieder.code': 'aanbiederCode',
    'aanbieder.name': 'aanbiederName',
    'ages.from': 'agesFrom',
    'ages.to': 'agesTo',
    'contact.role': 'contactRole',
    'contact.mailbox': 'mailbox',
    'contact.phone': 'phone',
    contact: 'mailbox',
    ages: 'agesTo',
  };
  const [head, second] = path.split('.');
  return map[`${head}.${second}`] ?? map[head ?? ''] ?? head ?? path;
}

function emptyValues(me: Me): Values {
  return {
    aanbiederCode: '',
    aanbiederName: '',
    name: '',
    kind: 'onderwijszorgarrangement',
    route: 'gecombineerd',
    funders: ['swv'],
    region: me.actor.region ?? '',
    wijken: '',
    sectors: ['PO'],
    agesFrom: '4',
    agesTo: '13',
    capacity: '10',
    intakeRoutes: ['swv_commissie'],
    contactRole: 'intake',
    mailbox: '',
    phone: '',
    description: '',
  };
}

/** A group of checkboxes with one legend and one error, tied to the group for screen readers. */
function Checks(props: { id: string; legend: string; options: Array<[string, string]>; chosen: string[]; error: string | undefined; onChange: (chosen: string[]) => void }) {
  return (
    <fieldset aria-describedby={props.error ? `${props.id}-error` : undefined} class={props.error ? 'field--invalid' : ''}>
      <legend>{props.legend}</legend>
      <div class="check-grid">
        {props.options.map(([value, label]) => (
          <div class="check" key={value}>
            <input
              id={`${props.id}-${value}`}
              type="checkbox"
              checked={props.chosen.includes(value)}
              onChange={(e) => props.onChange(e.currentTarget.checked ? [...props.chosen, value] : props.chosen.filter((v) => v !== value))}
            />
            <label for={`${props.id}-${value}`}>{label}</label>
          </div>
        ))}
      </div>
      {props.error && (
        <p class="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      )}
    </fieldset>
  );
}

/**
 * Aanbod toevoegen, wijzigen of beëindigen (admin and the loket of the aanbod's region). A change sends the
 * version it was read at as If-Match: when someone changed the aanbod in between, the API refuses with 412 and the
 * form says so in Dutch and offers the newest version, instead of overwriting the other person's change.
 */
export function AanbodForm(props: { me: Me; aanbodId: string | null; onDone: (text: string) => void; onCancel: () => void }) {
  const editing = props.aanbodId !== null;
  const [loaded, setLoaded] = useState<Aanbod | null>(null);
  const [etag, setEtag] = useState<string | null>(null);
  const [values, setValues] = useState<Values>(emptyValues(props.me));
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Errors>({});
  const [answer, setAnswer] = useState<{ ok: boolean; text: string } | null>(null);
  const [conflict, setConflict] = useState(false);
  const [retireReason, setRetireReason] = useState('');
  const [retireError, setRetireError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  async function load(): Promise<void> {
    if (props.aanbodId === null) return;
    try {
      const { body, etag: tag } = await apiWithTag<Aanbod>(`/providers/${props.aanbodId}`);
      setLoaded(body);
      setEtag(tag);
      setValues(valuesOf(body));
      setServerErrors({});
      setConflict(false);
    } catch (error) {
      setAnswer({ ok: false, text: describeError(error) });
    }
  }

  useEffect(() => {
    void load();
    heading.current?.focus();
  }, [props.aanbodId]);

  const errors = { ...(submitted ? check(values) : {}), ...serverErrors };

  function set<K extends keyof Values>(field: K, value: Values[K]): void {
    const next = { ...values, [field]: value };
    // A kind serves fixed routes: follow the kind so the form never offers a combination the API refuses.
    if (field === 'kind' && !(ROUTES_OF_KIND[value as string] ?? []).includes(next.route)) next.route = ROUTES_OF_KIND[value as string]?.[0] ?? next.route;
    setValues(next);
    if (serverErrors[field] !== undefined) setServerErrors(Object.fromEntries(Object.entries(serverErrors).filter(([key]) => key !== field)));
  }

  function refused(error: unknown): void {
    if (error instanceof ApiError && error.status === 412) {
      setConflict(true);
      setAnswer({
        ok: false,
        text:
          `Niet opgeslagen: iemand anders heeft dit aanbod gewijzigd nadat u het opende (u bewerkte versie ${loaded?.version ?? '?'}). ` +
          'Laad de nieuwste versie, controleer de gegevens en breng uw wijziging opnieuw aan.',
      });
      return;
    }
    if (error instanceof ApiError && error.issues.length > 0) {
      setServerErrors(Object.fromEntries(error.issues.map((issue) => [fieldOf(issue.field), `De server weigert dit: ${issue.message}`])));
    }
    setAnswer({ ok: false, text: describeError(error) });
  }

  async function save(event: Event): Promise<void> {
    event.preventDefault();
    setSubmitted(true);
    const problems = check(values);
    if (Object.keys(problems).length > 0) {
      setAnswer({ ok: false, text: 'Niet alle velden zijn goed ingevuld.' });
      document.getElementById(`aanbod-${Object.keys(problems)[0]}`)?.focus();
      return;
    }
    const body = bodyOf(values);
    setBusy(true);
    try {
      if (!editing) {
        const { body: created } = await apiWithTag<Aanbod>('/providers', { method: 'POST', body });
        props.onDone(`Aanbod “${created.name}” is toegevoegd.`);
        return;
      }
      // Only the fields that changed: the API replaces what a PATCH names and keeps the rest.
      const before = loaded === null ? {} : bodyOf(valuesOf(loaded));
      const patch = Object.fromEntries(Object.entries(body).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify((before as Record<string, unknown>)[key])));
      if (Object.keys(patch).length === 0) {
        setAnswer({ ok: true, text: 'Er is niets gewijzigd.' });
        return;
      }
      const { body: changed } = await apiWithTag<Aanbod>(`/providers/${props.aanbodId}`, { method: 'PATCH', body: patch, headers: etag ? { 'If-Match': etag } : {} });
      props.onDone(`Aanbod “${changed.name}” is gewijzigd (versie ${changed.version}).`);
    } catch (error) {
      refused(error);
    } finally {
      setBusy(false);
    }
  }

  async function retire(): Promise<void> {
    if (retireReason.trim() === '') {
      setRetireError('Geef een reden waarom het aanbod niet meer wordt aangeboden.');
      document.getElementById('aanbod-retire-reason')?.focus();
      return;
    }
    setRetireError(undefined);
    try {
      const { body: retired } = await apiWithTag<Aanbod>(`/providers/${props.aanbodId}/retire`, { method: 'POST', body: { reason: retireReason.trim() }, headers: etag ? { 'If-Match': etag } : {} });
      props.onDone(`Aanbod “${retired.name}” is beëindigd en staat niet meer in de lijst.`);
    } catch (error) {
      refused(error);
    }
  }

  const id = (field: string) => `aanbod-${field}`;
  const input = (field: keyof Values, label: string, type: 'text' | 'number' | 'email' | 'tel' = 'text', hint?: string) => (
    <Field id={id(field)} label={label} error={errors[field]} {...(hint ? { hint } : {})}>
      <input id={id(field)} type={type as 'text'} value={values[field] as string} onInput={(e) => set(field, e.currentTarget.value as never)} {...described(id(field), errors[field], hint !== undefined)} />
    </Field>
  );

  return (
    <section class="panel" aria-labelledby="aanbod-form-title">
      <h2 id="aanbod-form-title" tabIndex={-1} ref={heading}>
        {editing ? `Aanbod wijzigen${loaded ? `: ${loaded.name}` : ''}` : 'Nieuw aanbod'}
      </h2>
      <p class="hint">Geen persoonsgegevens: een aanbieder is een organisatie, het contact is een functie met een functiemailbox.</p>
      <Answer answer={answer} />
      {conflict && (
        <p>
          <button type="button" class="secondary" onClick={() => void load().then(() => setAnswer({ ok: true, text: 'De nieuwste versie is geladen.' }))}>
            Nieuwste versie laden
          </button>
        </p>
      )}
      <form class="form" onSubmit={(event) => void save(event)} aria-label={editing ? 'Aanbod wijzigen' : 'Nieuw aanbod'} noValidate>
        <div class="row">
          {input('aanbiederCode', 'Code van de aanbieder')}
          {input('aanbiederName', 'Naam van de aanbieder')}
        </div>
        {input('name', 'Naam van het aanbod')}
        <div class="row">
          <Field id={id('kind')} label="Soort aanbod">
            <select id={id('kind')} value={values.kind} onChange={(e) => set('kind', e.currentTarget.value)}>
              <AanbodKindOptions />
            </select>
          </Field>
          <Field id={id('route')} label="Route" error={errors['route']}>
            <select id={id('route')} value={values.route} onChange={(e) => set('route', e.currentTarget.value)} {...described(id('route'), errors['route'])}>
              {(ROUTES_OF_KIND[values.kind] ?? []).map((route) => (
                <option key={route} value={route}>
                  {labelOf(ROUTE_SHORT_LABELS, route)}
                </option>
              ))}
            </select>
          </Field>
          {input('region', 'Regio')}
        </div>
        {input('wijken', 'Wijken', 'text', 'Gescheiden door komma’s; leeg: de hele regio.')}
        <Checks id={id('funders')} legend="Financiers" options={FUNDER_LABELS} chosen={values.funders} error={errors['funders']} onChange={(v) => set('funders', v)} />
        <Checks
          id={id('sectors')}
          legend="Sectoren"
          options={AANBOD_SECTORS.map((s) => [s, labelOf(SECTOR_LABELS, s)])}
          chosen={values.sectors}
          error={errors['sectors']}
          onChange={(v) => set('sectors', v)}
        />
        <div class="row">
          {input('agesFrom', 'Leeftijd vanaf (jaren)', 'number')}
          {input('agesTo', 'Leeftijd tot en met (jaren)', 'number')}
          {input('capacity', 'Capaciteit (plaatsen)', 'number')}
        </div>
        <Checks
          id={id('intakeRoutes')}
          legend="Intakeroutes"
          options={Object.entries(INTAKE_ROUTE_LABELS)}
          chosen={values.intakeRoutes}
          error={errors['intakeRoutes']}
          onChange={(v) => set('intakeRoutes', v)}
        />
        <div class="row">
          <Field id={id('contactRole')} label="Contact: functie" error={errors['contactRole']}>
            <select id={id('contactRole')} value={values.contactRole} onChange={(e) => set('contactRole', e.currentTarget.value)}>
              {Object.entries(CONTACT_ROLE_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </Field>
          {input('mailbox', 'Contact: functiemailbox', 'email')}
          {input('phone', 'Contact: telefoon (optioneel)', 'tel')}
        </div>
        <Field id={id('description')} label="Beschrijving (optioneel)" error={errors['description']}>
          <textarea id={id('description')} rows={2} value={values.description} onInput={(e) => set('description', e.currentTarget.value)} {...described(id('description'), errors['description'])} />
        </Field>
        <div class="actions">
          <button type="submit" disabled={busy}>
            {editing ? 'Wijziging opslaan' : 'Aanbod toevoegen'}
          </button>
          <button type="button" class="secondary" onClick={props.onCancel}>
            Annuleren
          </button>
        </div>
      </form>
      {editing && loaded !== null && (
        <form class="form retire" aria-label="Aanbod beëindigen" onSubmit={(event) => { event.preventDefault(); void retire(); }}>
          <h3>Aanbod beëindigen</h3>
          <p class="hint">Het aanbod blijft leesbaar maar wordt niet meer aangeboden. Dit kan niet ongedaan worden gemaakt.</p>
          <Field id="aanbod-retire-reason" label="Reden van beëindiging" error={retireError}>
            <input id="aanbod-retire-reason" type="text" value={retireReason} onInput={(e) => setRetireReason(e.currentTarget.value)} {...described('aanbod-retire-reason', retireError)} />
          </Field>
          <div class="actions">
            <button type="submit" class="secondary">
              Aanbod beëindigen
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
