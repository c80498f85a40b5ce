import { useEffect, useState } from 'preact/hooks';
import { api, describeError, type Aanbod, type Me, type ReferralListItem, type ReferralState } from '../api';
import { dateTime, ROUTES, STAGE_LABELS } from '../labels';
import { Answer, described, Field, Loading, StageBadge } from '../ui';
import { providersQuery } from './aanbod-catalogue';
import { byUrgency, Deadline } from './referral-list';

/** The loket's toewijzing queue: referrals waiting for a route, a provider and the one regisseur. */
export function ToewijzingQueue(props: { me: Me }) {
  const [items, setItems] = useState<ReferralListItem[] | null>(null);
  const [waiting, setWaiting] = useState<ReferralListItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const catalogue = props.me.allowedActions.includes('provider.view');

  useEffect(() => {
    api<{ items: ReferralListItem[] }>('/referrals?stage=toewijzing&limit=100')
      .then((list) => setItems([...list.items].sort(byUrgency)))
      .catch((e: unknown) => setError(describeError(e)));
    // Cases on a wachtlijst stay the loket's concern (overbrugging, the waiting norm): listed below the queue.
    api<{ items: ReferralListItem[] }>('/referrals?stage=wacht_op_plaats&limit=100')
      .then((list) => setWaiting([...list.items].sort(byUrgency)))
      .catch((e: unknown) => setError(describeError(e)));
  }, []);

  return (
    <section>
      <h1 tabIndex={-1}>Toewijzing</h1>
      <p>Aanmeldingen die wachten op een toewijzing, de langst verlopen termijn eerst.</p>
      <Answer answer={error === null ? null : { ok: false, text: error }} />
      {items === null && error === null && <Loading />}
      {items !== null && items.length === 0 && <p>Er wacht niets op toewijzing.</p>}
      <ul class="cards">
        {items?.map((item) => (
          <li key={item.referralId}>
            <QueueItem item={item} catalogue={catalogue} />
          </li>
        ))}
      </ul>
      <h2>Wachten op een plaats</h2>
      {waiting !== null && waiting.length === 0 && <p>Er wacht niemand op een plaats.</p>}
      <ul class="plain" aria-label="Wachten op een plaats">
        {waiting?.map((item) => (
          <li key={item.referralId}>
            <a href={`#/zaak/${item.referralId}`}>Leerling {item.childRef}</a> <StageBadge stage={item.stage} label={STAGE_LABELS[item.stage] ?? item.stage} /> <Deadline item={item} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * One referral in the queue. With the catalogue (provider.view) the loket picks an aanbod that fits the case's
 * region, route and sector (the API judges the fit again, with wijk and age: 409 AANBOD_MISFIT); the free-text
 * aanbieder stays for aanbod outside the catalogue.
 */
function QueueItem(props: { item: ReferralListItem; catalogue: boolean }) {
  const { item } = props;
  const id = item.referralId.slice(0, 8);
  const [route, setRoute] = useState('gecombineerd');
  const [options, setOptions] = useState<Aanbod[]>([]);
  const [aanbodId, setAanbodId] = useState('');
  const [providerId, setProviderId] = useState('');
  const [regisseurId, setRegisseurId] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [answer, setAnswer] = useState<{ ok: boolean; text: string } | null>(null);
  const [done, setDone] = useState<ReferralState | null>(null);

  useEffect(() => {
    if (!props.catalogue) return;
    setAanbodId('');
    api<{ items: Aanbod[] }>(providersQuery({ region: item.region, route, sector: item.school.sector }))
      .then((list) => setOptions(list.items))
      .catch((e: unknown) => setAnswer({ ok: false, text: describeError(e) }));
  }, [route]);

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (route !== 'onderwijs' && aanbodId === '' && providerId.trim() === '') problems['provider'] = 'Kies een aanbod of vul een aanbieder in: verplicht bij jeugdhulp en gecombineerd.';
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    try {
      const state = await api<ReferralState>(`/referrals/${item.referralId}/toewijzing`, {
        method: 'POST',
        body: {
          route,
          ...(aanbodId !== '' ? { aanbodId } : providerId.trim() ? { providerId: providerId.trim() } : {}),
          ...(regisseurId.trim() ? { regisseurId: regisseurId.trim() } : {}),
        },
      });
      setDone(state);
      const chosen = options.find((option) => option.id === aanbodId);
      setAnswer({
        ok: true,
        text:
          state.stage === 'wacht_op_plaats'
            ? `Toegewezen aan ${chosen?.name ?? 'het aanbod'}. Het aanbod is vol: de leerling staat op de wachtlijst (fase ${STAGE_LABELS[state.stage] ?? state.stage}).`
            : `Toegewezen${chosen ? ` aan ${chosen.name}` : ''}. De zaak is nu in fase ${STAGE_LABELS[state.stage] ?? state.stage}.`,
      });
    } catch (error) {
      setAnswer({ ok: false, text: describeError(error) });
    }
  }

  return (
    <article class="card" aria-labelledby={`q-${id}`}>
      <h2 id={`q-${id}`}>
        <a href={`#/zaak/${item.referralId}`}>Leerling {item.childRef}</a>
        {item.thuiszitter && <span class="tag">thuiszitter</span>}
      </h2>
      <p class="muted">
        School {item.school.brin} ({item.school.sector}) · aangemeld {dateTime(item.createdAt)} · <Deadline item={item} />
      </p>
      <Answer answer={answer} />
      {done === null && (
        <form class="form form--inline" onSubmit={(event) => void submit(event)} aria-label={`Toewijzing voor ${item.childRef}`}>
          <Field id={`route-${id}`} label="Route">
            <select id={`route-${id}`} value={route} onChange={(e) => setRoute(e.currentTarget.value)}>
              {ROUTES.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </Field>
          {props.catalogue && (
            <Field id={`aanbod-${id}`} label="Aanbod uit de catalogus" hint={`Passend bij regio ${item.region}, deze route en sector ${item.school.sector}.`}>
              <select id={`aanbod-${id}`} value={aanbodId} onChange={(e) => setAanbodId(e.currentTarget.value)} {...described(`aanbod-${id}`, undefined, true)}>
                <option value="">Geen: aanbieder als vrije tekst</option>
                {options.map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.name} — {option.freePlaces > 0 ? `${option.freePlaces} vrij` : 'vol, wachtlijst'}
                  </option>
                ))}
              </select>
            </Field>
          )}
          {aanbodId === '' && (
            <Field id={`provider-${id}`} label="Aanbieder" error={errors['provider']}>
              <input id={`provider-${id}`} type="text" value={providerId} onInput={(e) => setProviderId(e.currentTarget.value)} {...described(`provider-${id}`, errors['provider'])} />
            </Field>
          )}
          <Field id={`regisseur-${id}`} label="Regisseur" hint="Leeg: de regisseur van het plan van het kind.">
            <input id={`regisseur-${id}`} type="text" value={regisseurId} onInput={(e) => setRegisseurId(e.currentTarget.value)} {...described(`regisseur-${id}`, undefined, true)} />
          </Field>
          <button type="submit">Toewijzen</button>
        </form>
      )}
    </article>
  );
}
