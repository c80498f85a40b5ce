import { useEffect, useState } from 'preact/hooks';
import { api, describeError, type WachtlijstMonitor, type WaitingDays } from '../api';
import { AANBOD_KIND_LABELS, labelOf } from '../aanbod-labels';
import { dateTime } from '../labels';
import { Answer, Loading } from '../ui';

const days = (value: number | null) => (value === null ? '—' : `${value} ${value === 1 ? 'dag' : 'dagen'}`);
const share = (value: number | null) => (value === null ? '—' : `${Math.round(value * 100)}%`);

function Waits(props: { waits: WaitingDays }) {
  return (
    <>
      <td class="num">{days(props.waits.median)}</td>
      <td class="num">{days(props.waits.p90)}</td>
      <td class="num">{days(props.waits.longest)}</td>
    </>
  );
}

/**
 * A bar per region and kind: the children waiting, with the part that waits without overbruggingszorg marked
 * apart (they escalate sooner). Decoration for reading at a glance: the table carries the same numbers, so the
 * bars are hidden from screen readers.
 */
function WaitingBars(props: { groups: WachtlijstMonitor['groups'] }) {
  const max = Math.max(1, ...props.groups.map((group) => group.waiting));
  return (
    <div class="hbars" aria-hidden="true">
      {props.groups.map((group) => (
        <div class="hbar-row" key={`${group.region}-${group.kind}`}>
          <span class="hbar-label">
            {group.region} · {labelOf(AANBOD_KIND_LABELS, group.kind)}
          </span>
          <span class="hbar-track">
            <span class="hbar hbar--bridged" style={{ width: `${((group.waiting - group.waitingWithoutOverbrugging) / max) * 100}%` }} />
            <span class="hbar hbar--unbridged" style={{ width: `${(group.waitingWithoutOverbrugging / max) * 100}%` }} />
          </span>
          <span class="hbar-value">{group.waiting}</span>
        </div>
      ))}
      <p class="legend">
        <span class="swatch hbar--bridged" /> met overbrugging <span class="swatch hbar--unbridged" /> zonder overbrugging
      </p>
    </div>
  );
}

/**
 * Wachtlijsten (monitor.wachtlijsten: gemeente, leerplicht and loket their region, admin all): per region and
 * kind of aanbod the children waiting and how long, bruto (every day since the complete aanmelding) and netto
 * (without the days covered by overbruggingszorg), the share past the policy's norm and the lapsed entries.
 * Aggregates only, as the API gives them: no child is named here.
 */
export function WachtlijstMonitorScreen() {
  const [monitor, setMonitor] = useState<WachtlijstMonitor | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api<WachtlijstMonitor>('/monitor/wachtlijsten')
      .then(setMonitor)
      .catch((e: unknown) => setError(describeError(e)));
  }, []);

  const groups = monitor === null ? [] : [...monitor.groups].sort((a, b) => a.region.localeCompare(b.region) || b.waiting - a.waiting);

  return (
    <section>
      <h1 tabIndex={-1}>Wachtlijsten</h1>
      <Answer answer={error === null ? null : { ok: false, text: error }} />
      {monitor === null && error === null && <Loading />}
      {monitor !== null && (
        <>
          <p>
            Kinderen die wachten op een plaats bij een aanbod, per regio en soort aanbod (gemeten op {dateTime(monitor.measuredAt)}). <strong>Bruto</strong> telt elke
            dag sinds de volledige aanmelding; <strong>netto</strong> laat de dagen met overbruggingszorg weg. Totaal wachtend:{' '}
            <strong>{groups.reduce((sum, group) => sum + group.waiting, 0)}</strong>.
          </p>
          {groups.length === 0 ? (
            <p>Er wacht nu niemand en er zijn geen verlopen inschrijvingen.</p>
          ) : (
            <>
              <WaitingBars groups={groups} />
              {/* Wider than a tablet: the scrolling wrapper takes keyboard focus so the columns can be reached. */}
              <div class="table-wrap" tabIndex={0} role="region" aria-label="Tabel wachttijden (scrollbaar)">
                <table class="monitor-table">
                  <caption>Wachttijden per regio en soort aanbod, in dagen</caption>
                  <thead>
                    <tr>
                      <th scope="col" rowSpan={2}>
                        Regio
                      </th>
                      <th scope="col" rowSpan={2}>
                        Soort aanbod
                      </th>
                      <th scope="col" rowSpan={2} class="num">
                        Wachtend
                      </th>
                      <th scope="col" rowSpan={2} class="num">
                        Zonder overbrugging
                      </th>
                      <th scope="colgroup" colSpan={3}>
                        Bruto wachttijd
                      </th>
                      <th scope="colgroup" colSpan={3}>
                        Netto wachttijd
                      </th>
                      <th scope="col" rowSpan={2} class="num">
                        Boven de norm
                      </th>
                      <th scope="col" rowSpan={2} class="num">
                        Verlopen
                      </th>
                    </tr>
                    <tr>
                      {['bruto', 'netto'].flatMap((basis) =>
                        ['Mediaan', '90e percentiel', 'Langste'].map((figure) => (
                          <th key={`${basis}-${figure}`} scope="col" class="num">
                            {figure}
                          </th>
                        )),
                      )}
                    </tr>
                  </thead>
                  <tbody>
                    {groups.map((group) => (
                      <tr key={`${group.region}-${group.kind}`}>
                        <td>{group.region}</td>
                        <th scope="row">{labelOf(AANBOD_KIND_LABELS, group.kind)}</th>
                        <td class="num">{group.waiting}</td>
                        <td class="num">{group.waitingWithoutOverbrugging}</td>
                        <Waits waits={group.bruto} />
                        <Waits waits={group.netto} />
                        <td class={`num${group.overNorm !== null && group.overNorm > 0 ? ' overdue' : ''}`}>{share(group.overNorm)}</td>
                        <td class={`num${group.verlopen > 0 ? ' overdue' : ''}`}>{group.verlopen}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p class="hint">
                Boven de norm: het deel van de wachtenden dat langer wacht dan de norm van het beleid (met overbrugging de wachttijdnorm, zonder overbrugging de kortere
                norm). Verlopen: inschrijvingen waarvan de beschikking of TLV afliep terwijl het kind wachtte; het loket en de ouders zijn daarover bericht.
              </p>
            </>
          )}
        </>
      )}
    </section>
  );
}
