import { useEffect, useState } from 'preact/hooks';
import { api, describeError, type Me, type ReferralListItem } from '../api';
import { ARRANGEMENT_STATUS_LABELS, dateTime, STAGE_LABELS } from '../labels';
import { Answer, Loading, StageBadge } from '../ui';

/** Most overdue first, then the nearest due date: the next action on top (issue 3 §6). */
export function byUrgency(a: ReferralListItem, b: ReferralListItem): number {
  const overdue = (x: ReferralListItem) => (x.overdueSince === null ? Infinity : Date.parse(x.overdueSince));
  const due = (x: ReferralListItem) => (x.nextDueAt === null ? Infinity : Date.parse(x.nextDueAt));
  return overdue(a) - overdue(b) || due(a) - due(b);
}

export function Deadline(props: { item: Pick<ReferralListItem, 'overdueSince' | 'nextDueAt' | 'escalationLevel'> }) {
  if (props.item.overdueSince !== null) {
    return (
      <span class="overdue">
        Te laat sinds {dateTime(props.item.overdueSince)}
        {props.item.escalationLevel > 0 ? ` (escalatie niveau ${props.item.escalationLevel})` : ''}
      </span>
    );
  }
  return <span>{props.item.nextDueAt === null ? 'Geen lopende termijn' : `Uiterlijk ${dateTime(props.item.nextDueAt)}`}</span>;
}

/** The referrals the caller may see (the API scopes the list): for a school, its own aanmeldingen. */
export function ReferralList(props: { me: Me }) {
  const [items, setItems] = useState<ReferralListItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api<{ items: ReferralListItem[] }>('/referrals?limit=100')
      .then((list) => setItems(list.items))
      .catch((e: unknown) => setError(describeError(e)));
  }, []);

  return (
    <section>
      <div class="title-row">
        <h1 tabIndex={-1}>{props.me.actor.role === 'school' ? 'Aanmeldingen van uw school' : 'Verwijzingen'}</h1>
        {props.me.allowedActions.includes('referral.submit') && (
          <a class="button" href="#/aanmelden">
            Nieuwe aanmelding
          </a>
        )}
      </div>
      <Answer answer={error === null ? null : { ok: false, text: error }} />
      {items === null && error === null && <Loading />}
      {items !== null && items.length === 0 && <p>Er zijn nog geen verwijzingen.</p>}
      {items !== null && items.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Verwijzingen met fase en termijnen</caption>
            <thead>
              <tr>
                <th scope="col">Leerling</th>
                <th scope="col">School</th>
                <th scope="col">Fase</th>
                <th scope="col">Arrangement</th>
                <th scope="col">Termijn</th>
                <th scope="col">Aangemeld</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.referralId}>
                  <td>
                    <a href={`#/zaak/${item.referralId}`}>{item.childRef}</a>
                    {item.thuiszitter && <span class="tag">thuiszitter</span>}
                  </td>
                  <td>
                    {item.school.brin} ({item.school.sector})
                  </td>
                  <td>
                    <StageBadge stage={item.stage} label={STAGE_LABELS[item.stage] ?? item.stage} />
                  </td>
                  <td>{item.arrangementStatus === null ? '—' : (ARRANGEMENT_STATUS_LABELS[item.arrangementStatus] ?? item.arrangementStatus)}</td>
                  <td>
                    <Deadline item={item} />
                  </td>
                  <td>{dateTime(item.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
