import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, describeError, type InzageDossier, type Me, type OuderDecision, type OuderOverzicht, type OuderStep, type ReferralListItem } from '../api';
import { date, dateTime } from '../labels';
import { Answer, described, Field, Loading } from '../ui';

/** A refusal in words a parent understands; another child's reference is "not found", never "forbidden" (the API's 404). */
function parentError(error: unknown, childRef: string): string {
  if (error instanceof ApiError && error.status === 404) return `Wij vinden geen gegevens van een kind met referentie ${childRef} bij uw account. Controleer de referentie.`;
  if (error instanceof ApiError && error.status === 403) return 'Voor dit kind kunt u deze gegevens niet (meer) inzien. Vanaf 16 jaar ziet alleen de jongere zelf het dossier; onder de 12 jaar alleen de ouders.';
  if (error instanceof ApiError && error.status === 400) return 'Dit is geen geldige referentie. Gebruik de referentie uit de brief of e-mail van school, nooit het BSN.';
  return describeError(error);
}

/**
 * Mijn kind: the children an ouder (or a jongere: themselves) may follow. The token names them, and /api/me does
 * not, so the list comes from their referrals (GET /api/referrals, which the API limits to those children); a
 * reference can also be typed, for a child with a plan but no referral yet.
 */
export function MijnKind(props: { me: Me }) {
  const [children, setChildren] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [typed, setTyped] = useState('');
  const [typedError, setTypedError] = useState<string | undefined>(undefined);

  useEffect(() => {
    api<{ items: ReferralListItem[] }>('/referrals?limit=100')
      .then((list) => setChildren([...new Set(list.items.map((item) => item.childRef))]))
      .catch((e: unknown) => setError(describeError(e)));
  }, []);

  function open(event: Event): void {
    event.preventDefault();
    const ref = typed.trim();
    if (!/^[A-Za-z0-9-]{6,64}$/.test(ref) || /^\d{8,9}$/.test(ref)) {
      setTypedError('Gebruik de referentie van uw kind (6 tot 64 letters, cijfers of streepjes, bijvoorbeeld lln-7f3a9c), nooit het BSN.');
      document.getElementById('kind-ref')?.focus();
      return;
    }
    location.hash = `/kind/${encodeURIComponent(ref)}`;
  }

  const self = props.me.actor.role === 'jongere';
  return (
    <section>
      <h1 tabIndex={-1}>{self ? 'Mijn gegevens' : 'Mijn kind'}</h1>
      <p>{self ? 'Hier ziet u hoe het staat met uw ondersteuning.' : 'Hier ziet u hoe het staat met de ondersteuning van uw kind.'}</p>
      <Answer answer={error === null ? null : { ok: false, text: error }} />
      {children === null && error === null && <Loading />}
      {children !== null && children.length === 0 && <p>Er zijn nog geen aanmeldingen bekend voor {self ? 'u' : 'uw kind'}.</p>}
      <ul class="plain" aria-label="Kinderen">
        {children?.map((ref) => (
          <li key={ref}>
            <a href={`#/kind/${encodeURIComponent(ref)}`}>{self ? `Overzicht (${ref})` : `Overzicht van kind ${ref}`}</a>
          </li>
        ))}
      </ul>
      <form class="form form--inline" aria-label="Kind zoeken op referentie" onSubmit={open}>
        <Field id="kind-ref" label="Referentie van het kind" error={typedError}>
          <input id="kind-ref" type="text" value={typed} onInput={(e) => setTyped(e.currentTarget.value)} {...described('kind-ref', typedError)} />
        </Field>
        <button type="submit">Bekijken</button>
      </form>
    </section>
  );
}

function Step(props: { step: OuderStep | null }) {
  if (props.step === null) return <p>Er is nu geen volgende stap.</p>;
  return (
    <p>
      <strong>Volgende stap:</strong> {props.step.text}
      {props.step.dueText && <span class={props.step.overdue ? 'overdue' : ''}> ({props.step.overdue ? `te laat, ${props.step.dueText}` : props.step.dueText})</span>}
    </p>
  );
}

function Decisions(props: { decisions: OuderDecision[] }) {
  if (props.decisions.length === 0) return <p class="muted">Er zijn nog geen besluiten genomen.</p>;
  return (
    <ul class="decisions">
      {props.decisions.map((decision) => (
        <li key={`${decision.on}-${decision.text}`}>
          <strong>{date(decision.on)}:</strong> {decision.text}
          {decision.reason && <div>Reden: {decision.reason}</div>}
        </li>
      ))}
    </ul>
  );
}

/**
 * Inzage (AVG art. 15): the whole dossier as JSON, to read here and to download. Each request is recorded by the
 * API with its one-month term and audited, so it is asked for on purpose, with a button, never on page load.
 */
function Inzage(props: { childRef: string }) {
  const [dossier, setDossier] = useState<{ data: InzageDossier; json: string } | null>(null);
  const [answer, setAnswer] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [download, setDownload] = useState<string | null>(null);
  const result = useRef<HTMLHeadingElement>(null);

  useEffect(() => () => {
    if (download !== null) URL.revokeObjectURL(download);
  }, [download]);

  async function ask(): Promise<void> {
    setBusy(true);
    try {
      const data = await api<InzageDossier>(`/children/${encodeURIComponent(props.childRef)}/dossier`);
      const json = JSON.stringify(data, null, 2);
      setDossier({ data, json });
      setDownload(URL.createObjectURL(new Blob([json], { type: 'application/json' })));
      setAnswer({ ok: true, text: `Uw verzoek om inzage is ontvangen op ${dateTime(data.request.receivedAt)} en meteen beantwoord.` });
      setTimeout(() => result.current?.focus(), 0);
    } catch (error) {
      setAnswer({ ok: false, text: parentError(error, props.childRef) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="panel" aria-labelledby="inzage-title">
      <h2 id="inzage-title">Inzage in het dossier</h2>
      <p>
        U heeft het recht om alle gegevens te zien die Schakel over {props.childRef} bewaart. Medische informatie en gegevens over anderen laten wij weg; wij vertellen u wat
        en waarom. Wij bewaren uw verzoek; de wettelijke termijn is één maand, maar u krijgt het antwoord meteen.
      </p>
      <Answer answer={answer} />
      {dossier === null ? (
        <button type="button" onClick={() => void ask()} disabled={busy}>
          Inzage vragen
        </button>
      ) : (
        <>
          <h3 tabIndex={-1} ref={result}>
            Uw dossier
          </h3>
          <p>
            {dossier.data.cases.length} {dossier.data.cases.length === 1 ? 'aanmelding' : 'aanmeldingen'}, {dossier.data.notifications.length}{' '}
            {dossier.data.notifications.length === 1 ? 'bericht' : 'berichten'}; samengesteld op {dateTime(dossier.data.compiledAt)}.
          </p>
          {dossier.data.leftOut.length > 0 && (
            <>
              <h4>Weggelaten</h4>
              <ul aria-label="Weggelaten gegevens">
                {dossier.data.leftOut.map((part) => (
                  <li key={part.part}>
                    {part.reason === 'medisch' ? 'Medisch' : 'Over anderen'}: {part.explanation}
                  </li>
                ))}
              </ul>
            </>
          )}
          {download !== null && (
            <p>
              <a class="button" href={download} download={`dossier-${props.childRef}.json`}>
                Dossier downloaden (JSON)
              </a>
            </p>
          )}
          <details>
            <summary>De gegevens bekijken (JSON)</summary>
            <pre class="json" tabIndex={0} aria-label="Dossier als JSON">
              {dossier.json}
            </pre>
          </details>
        </>
      )}
    </section>
  );
}

/** The child's path in plain Dutch, from GET /api/children/:ref/ouder-overzicht: where it stands, what comes next, who decided what and why. */
export function OuderOverzichtScreen(props: { me: Me; childRef: string }) {
  const [overzicht, setOverzicht] = useState<OuderOverzicht | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setOverzicht(null);
    setError(null);
    api<OuderOverzicht>(`/children/${encodeURIComponent(props.childRef)}/ouder-overzicht`)
      .then(setOverzicht)
      .catch((e: unknown) => setError(parentError(e, props.childRef)));
  }, [props.childRef]);

  const self = props.me.actor.role === 'jongere';
  return (
    <section>
      <p>
        <a href="#/mijn-kind">← {self ? 'Mijn gegevens' : 'Mijn kind'}</a>
      </p>
      <h1 tabIndex={-1}>{self ? 'Uw ondersteuning' : `Ondersteuning van kind ${props.childRef}`}</h1>
      <Answer answer={error === null ? null : { ok: false, text: error }} />
      {overzicht === null && error === null && <Loading />}
      {overzicht !== null && (
        <>
          <p>
            {overzicht.regisseur.assigned
              ? `De regisseur komt van ${overzicht.regisseur.organisation ?? 'een organisatie in de regio'}. De regisseur houdt het overzicht en is uw aanspreekpunt.`
              : 'Er is nog geen regisseur toegewezen.'}
          </p>
          {overzicht.cases.length === 0 && <p>Er zijn geen aanmeldingen.</p>}
          {overzicht.cases.map((item) => (
            <article class="panel" key={item.referralId} aria-labelledby={`case-${item.referralId}`}>
              <h2 id={`case-${item.referralId}`}>Aanmelding van {date(item.startedOn)}</h2>
              <p>
                <strong>Waar staat het nu:</strong> {item.stageText}
              </p>
              <Step step={item.nextStep} />
              <dl class="facts">
                <dt>School</dt>
                <dd>
                  {item.school.brin} ({item.school.sector})
                </dd>
                <dt>Regisseur</dt>
                <dd>{item.regisseur.assigned ? (item.regisseur.organisation ?? 'Toegewezen') : 'Nog niet toegewezen'}</dd>
                <dt>Aanbieder</dt>
                <dd>{item.provider ?? 'Nog niet gekozen'}</dd>
              </dl>
              <h3>Besluiten</h3>
              <Decisions decisions={item.decisions} />
            </article>
          ))}
          {overzicht.transitions.map((transition) => (
            <article class="panel" key={transition.transitionId} aria-labelledby={`overstap-${transition.transitionId}`}>
              <h2 id={`overstap-${transition.transitionId}`}>{transition.text}</h2>
              <p>
                <strong>Stand:</strong> {transition.statusText} · per {date(transition.startDate)}
              </p>
              <Step step={transition.nextStep} />
              <h3>Besluiten</h3>
              <Decisions decisions={transition.decisions} />
            </article>
          ))}
          <p class="muted">Bijgewerkt op {dateTime(overzicht.asOf)}.</p>
          <Inzage childRef={props.childRef} />
        </>
      )}
    </section>
  );
}
