import { useEffect, useState } from 'preact/hooks';
import { api, describeError, type Me, type Notification, type ReferralListItem, type ThuiszitterMonitor } from '../api';
import { BUCKET_LABELS, date, dateTime, STAGE_LABELS } from '../labels';
import { Answer, Loading, StageBadge } from '../ui';
import { byUrgency, Deadline } from './referral-list';

/** Bars of open thuiszitters per duration bucket; the table below carries the same numbers for screen readers. */
function BucketChart(props: { monitor: ThuiszitterMonitor }) {
  const { buckets, total } = props.monitor;
  const max = Math.max(1, ...buckets.map((bucket) => total[bucket]));
  const barWidth = 120;
  const gap = 40;
  const height = 200;
  const width = buckets.length * (barWidth + gap) + gap;
  return (
    <svg class="chart" viewBox={`0 0 ${width} ${height + 60}`} role="img" aria-labelledby="chart-title">
      <title id="chart-title">
        Thuiszitters per duur: {buckets.map((bucket) => `${BUCKET_LABELS[bucket] ?? bucket} ${total[bucket]}`).join(', ')}
      </title>
      <line x1={gap / 2} y1={height} x2={width - gap / 2} y2={height} class="axis" />
      {buckets.map((bucket, index) => {
        const barHeight = Math.round((total[bucket] / max) * (height - 30));
        const x = gap + index * (barWidth + gap);
        return (
          <g key={bucket}>
            <rect x={x} y={height - barHeight} width={barWidth} height={barHeight} class={`bar bar--${index}`} />
            <text x={x + barWidth / 2} y={height - barHeight - 8} class="bar-value">
              {total[bucket]}
            </text>
            <text x={x + barWidth / 2} y={height + 24} class="bar-label">
              {BUCKET_LABELS[bucket] ?? bucket}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Leerplicht and gemeente: the thuiszitter monitor (counts only) and, where the role may see cases, the escalations. */
export function MonitorScreen(props: { me: Me }) {
  const [monitor, setMonitor] = useState<ThuiszitterMonitor | null>(null);
  const [overdue, setOverdue] = useState<ReferralListItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notices, setNotices] = useState<Notification[] | null>(null);
  const seesCases = props.me.allowedActions.includes('referral.view');

  useEffect(() => {
    api<ThuiszitterMonitor>('/monitor/thuiszitters')
      .then(setMonitor)
      .catch((e: unknown) => setError(describeError(e)));
    // Escalations and thuiszitter notices addressed to the caller (or the caller's organisation or region).
    api<{ items: Notification[] }>('/me/notifications?limit=25')
      .then((list) => setNotices(list.items.filter((notice) => notice.kind !== 'reminder')))
      .catch((e: unknown) => setError(describeError(e)));
    if (seesCases) {
      api<{ items: ReferralListItem[] }>('/referrals?overdue=true&limit=50')
        .then((list) => setOverdue([...list.items].sort(byUrgency)))
        .catch((e: unknown) => setError(describeError(e)));
    }
  }, []);

  return (
    <section>
      <h1 tabIndex={-1}>Thuiszitters</h1>
      <Answer answer={error === null ? null : { ok: false, text: error }} />
      {monitor === null && error === null && <Loading />}
      {monitor !== null && (
        <>
          <p>
            Open aanmeldingen van leerlingen die thuis zitten, naar hoe lang ze thuis zitten (gemeten op {date(monitor.measuredOn)}). Na 3 maanden is de horizon van het
            Thuiszitterspact bereikt. Totaal: <strong>{monitor.total.total}</strong>.
          </p>
          <BucketChart monitor={monitor} />
          <div class="table-wrap">
            <table>
              <caption>Aantallen per regio</caption>
              <thead>
                <tr>
                  <th scope="col">Regio</th>
                  {monitor.buckets.map((bucket) => (
                    <th scope="col" key={bucket}>
                      {BUCKET_LABELS[bucket] ?? bucket}
                    </th>
                  ))}
                  <th scope="col">Totaal</th>
                </tr>
              </thead>
              <tbody>
                {monitor.regions.map((region) => (
                  <tr key={region.region}>
                    <th scope="row">{region.region}</th>
                    {monitor.buckets.map((bucket) => (
                      <td key={bucket}>{region.counts[bucket]}</td>
                    ))}
                    <td>{region.counts.total}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <h2>Meldingen</h2>
      {notices !== null && notices.length === 0 && <p>Geen escalaties of thuiszittermeldingen voor u.</p>}
      <ul class="plain" aria-label="Meldingen">
        {notices?.map((notice) => (
          <li key={notice.id}>
            <span class={notice.kind === 'escalation' ? 'overdue' : ''}>{notice.message}</span> <span class="muted">· {dateTime(notice.occurredAt)}</span>
            {notice.referralId !== null && seesCases && (
              <>
                {' '}
                · <a href={`#/zaak/${notice.referralId}`}>Open zaak</a>
              </>
            )}
          </li>
        ))}
      </ul>
      {seesCases && (
        <>
          <h2>Escalaties</h2>
          {overdue === null && error === null && <Loading />}
          {overdue !== null && overdue.length === 0 && <p>Geen zaken met een verlopen termijn.</p>}
          <ul class="plain">
            {overdue?.map((item) => (
              <li key={item.referralId}>
                <a href={`#/zaak/${item.referralId}`}>Leerling {item.childRef}</a> <StageBadge stage={item.stage} label={STAGE_LABELS[item.stage] ?? item.stage} /> <Deadline item={item} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
