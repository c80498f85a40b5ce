import { useEffect, useState } from 'preact/hooks';
import { api, describeError, type ReferralListItem, type ReferralState } from '../api';
import { dateTime, ROUTES, STAGE_LABELS } from '../labels';
import { Answer, described, Field, Loading } from '../ui';
import { byUrgency, Deadline } from './referral-list';

/** The loket's toewijzing queue: referrals waiting for a route, a provider and the one regisseur. */
export function ToewijzingQueue() {
  const [items, setItems] = useState<ReferralListItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api<{ items: ReferralListItem[] }>('/referrals?stage=toewijzing&limit=100')
      .then((list) => setItems([...list.items].sort(byUrgency)))
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
            <QueueItem item={item} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function QueueItem(props: { item: ReferralListItem }) {
  const { item } = props;
  const id = item.referralId.slice(0, 8);
  const [route, setRoute] = useState('gecombineerd');
  const [providerId, setProviderId] = useState('');
  const [regisseurId, setRegisseurId] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [answer, setAnswer] = useState<{ ok: boolean; text: string } | null>(null);
  const [done, setDone] = useState<ReferralState | null>(null);

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (route !== 'onderwijs' && providerId.trim() === '') problems['provider'] = 'Kies een aanbieder: verplicht bij jeugdhulp en gecombineerd.';
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    try {
      const state = await api<ReferralState>(`/referrals/${item.referralId}/toewijzing`, {
        method: 'POST',
        body: { route, ...(providerId.trim() ? { providerId: providerId.trim() } : {}), ...(regisseurId.trim() ? { regisseurId: regisseurId.trim() } : {}) },
      });
      setDone(state);
      setAnswer({ ok: true, text: `Toegewezen. De zaak is nu in fase ${STAGE_LABELS[state.stage] ?? state.stage}.` });
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
          <Field id={`provider-${id}`} label="Aanbieder" error={errors['provider']}>
            <input id={`provider-${id}`} type="text" value={providerId} onInput={(e) => setProviderId(e.currentTarget.value)} {...described(`provider-${id}`, errors['provider'])} />
          </Field>
          <Field id={`regisseur-${id}`} label="Regisseur" hint="Leeg: de regisseur van het plan van het kind.">
            <input id={`regisseur-${id}`} type="text" value={regisseurId} onInput={(e) => setRegisseurId(e.currentTarget.value)} {...described(`regisseur-${id}`, undefined, true)} />
          </Field>
          <button type="submit">Toewijzen</button>
        </form>
      )}
    </article>
  );
}
