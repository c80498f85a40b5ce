import { useEffect, useState } from 'preact/hooks';
import { api, describeError, type Me, type ReferralListItem } from '../api';
import { dateTime, STAGE_LABELS } from '../labels';
import { Answer, Loading, StageBadge } from '../ui';
import { ArrangementDecision } from './arrangement-decision';
import { byUrgency, Deadline } from './referral-list';

/**
 * The regisseur's werkvoorraad: arrangements to approve and evaluations due, overdue first. The list comes
 * scoped by the API (the regisseur's own cases); approval is offered only on the regisseur's own cases.
 */
export function Werkvoorraad(props: { me: Me }) {
  const [items, setItems] = useState<ReferralListItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api<{ items: ReferralListItem[] }>(`/referrals?regisseur=${encodeURIComponent(props.me.actor.sub)}&limit=100`)
      .then((list) => setItems([...list.items].sort(byUrgency)))
      .catch((e: unknown) => setError(describeError(e)));
  }, []);

  const toApprove = items?.filter((item) => item.arrangementStatus === 'ter_goedkeuring') ?? [];
  const evaluations = items?.filter((item) => item.stage === 'evaluatie' || (item.stage === 'uitvoering' && item.evaluationDueAt !== null)) ?? [];

  return (
    <section>
      <h1 tabIndex={-1}>Werkvoorraad</h1>
      <Answer answer={error === null ? null : { ok: false, text: error }} />
      {items === null && error === null && <Loading />}
      {items !== null && (
        <>
          <h2>Ter goedkeuring ({toApprove.length})</h2>
          {toApprove.length === 0 && <p>Geen arrangementen die op uw goedkeuring wachten.</p>}
          <ul class="cards">
            {toApprove.map((item) => (
              <li key={item.referralId}>
                <article class="card" aria-labelledby={`w-${item.referralId}`}>
                  <h3 id={`w-${item.referralId}`}>
                    <a href={`#/zaak/${item.referralId}`}>Leerling {item.childRef}</a>
                  </h3>
                  <p class="muted">
                    School {item.school.brin} · route {item.route ?? '—'} · aanbieder {item.providerId ?? '—'} · <Deadline item={item} />
                  </p>
                  <ArrangementDecision referralId={item.referralId} label={`het arrangement van ${item.childRef}`} />
                </article>
              </li>
            ))}
          </ul>
          <h2>Evaluaties ({evaluations.length})</h2>
          {evaluations.length === 0 && <p>Geen evaluaties op komst.</p>}
          <ul class="plain" aria-label="Evaluaties">
            {evaluations.map((item) => (
              <li key={item.referralId}>
                <a href={`#/zaak/${item.referralId}`}>Leerling {item.childRef}</a> <StageBadge stage={item.stage} label={STAGE_LABELS[item.stage] ?? item.stage} />{' '}
                {item.stage === 'evaluatie' ? <Deadline item={item} /> : <span>Evaluatie op {dateTime(item.evaluationDueAt)}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
