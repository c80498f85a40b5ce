import { useEffect, useState } from 'preact/hooks';
import { api, describeError, type Aanbod, type Me } from '../api';
import { AANBOD_KIND_LABELS, AanbodKindOptions, AANBOD_SECTORS, CONTACT_ROLE_LABELS, INTAKE_ROUTE_LABELS, labelOf, ROUTE_SHORT_LABELS, SECTOR_LABELS } from '../aanbod-labels';
import { Answer, Field, Loading } from '../ui';
import { AanbodForm } from './aanbod-form';

interface Filters {
  kind: string;
  route: string;
  region: string;
  sector: string;
  withFreePlaces: boolean;
}

/** GET /api/providers refuses unknown or empty parameters, so only the filters that are set are sent. */
export function providersQuery(filters: Partial<Filters>, cursor?: string | null): string {
  const query = new URLSearchParams({ limit: '100' });
  if (filters.kind) query.set('kind', filters.kind);
  if (filters.route) query.set('route', filters.route);
  if (filters.region?.trim()) query.set('region', filters.region.trim());
  if (filters.sector) query.set('sector', filters.sector);
  if (filters.withFreePlaces) query.set('withFreePlaces', 'true');
  if (cursor) query.set('cursor', cursor);
  return `/providers?${query.toString()}`;
}

/**
 * Aanbod: the provider catalogue for every staff role, with capacity, places taken and free, the intake routes
 * and the contact's function (never a person). Admin and the loket of the aanbod's region (provider.manage, and
 * the API judges the region again) may add, change and retire aanbod here.
 */
export function AanbodCatalogue(props: { me: Me }) {
  const [filters, setFilters] = useState<Filters>({ kind: '', route: '', region: '', sector: '', withFreePlaces: false });
  const [items, setItems] = useState<Aanbod[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [answer, setAnswer] = useState<{ ok: boolean; text: string } | null>(null);
  // null: no form; 'nieuw': a new aanbod; otherwise the id of the aanbod being changed.
  const [editing, setEditing] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const manages = props.me.allowedActions.includes('provider.manage');
  const mayManage = (aanbod: Aanbod) => manages && (props.me.actor.role === 'admin' || aanbod.region === props.me.actor.region);

  useEffect(() => {
    let stop = false;
    setError(null);
    api<{ items: Aanbod[]; nextCursor: string | null }>(providersQuery(filters))
      .then((list) => {
        if (stop) return;
        setItems(list.items);
        setCursor(list.nextCursor);
      })
      .catch((e: unknown) => !stop && setError(describeError(e)));
    return () => {
      stop = true;
    };
  }, [filters, reload]);

  async function more(): Promise<void> {
    try {
      const list = await api<{ items: Aanbod[]; nextCursor: string | null }>(providersQuery(filters, cursor));
      setItems([...(items ?? []), ...list.items]);
      setCursor(list.nextCursor);
    } catch (e) {
      setError(describeError(e));
    }
  }

  function done(text: string): void {
    setEditing(null);
    setAnswer({ ok: true, text });
    setReload((n) => n + 1);
  }

  const set = <K extends keyof Filters>(field: K, value: Filters[K]) => setFilters({ ...filters, [field]: value });

  return (
    <section>
      <div class="title-row">
        <h1 tabIndex={-1}>Aanbod</h1>
        {manages && editing === null && (
          <button type="button" onClick={() => { setAnswer(null); setEditing('nieuw'); }}>
            Nieuw aanbod
          </button>
        )}
      </div>
      <p>Het aanbod waaraan het loket een kind kan toewijzen, met de plaatsen die nog vrij zijn. Bij een vol aanbod komt het kind op de wachtlijst.</p>
      <Answer answer={answer} />
      {editing !== null && <AanbodForm me={props.me} aanbodId={editing === 'nieuw' ? null : editing} onDone={done} onCancel={() => setEditing(null)} />}
      <form class="form form--inline filters" aria-label="Filters" onSubmit={(event) => event.preventDefault()}>
        <Field id="filter-kind" label="Soort">
          <select id="filter-kind" value={filters.kind} onChange={(e) => set('kind', e.currentTarget.value)}>
            <option value="">Alle soorten</option>
            <AanbodKindOptions />
          </select>
        </Field>
        <Field id="filter-route" label="Route">
          <select id="filter-route" value={filters.route} onChange={(e) => set('route', e.currentTarget.value)}>
            <option value="">Alle routes</option>
            {Object.entries(ROUTE_SHORT_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </Field>
        <Field id="filter-region" label="Regio" hint="Bijvoorbeeld swv-2801; leeg: alle regio’s.">
          <input id="filter-region" type="text" value={filters.region} onChange={(e) => set('region', e.currentTarget.value)} aria-describedby="filter-region-hint" />
        </Field>
        <Field id="filter-sector" label="Sector">
          <select id="filter-sector" value={filters.sector} onChange={(e) => set('sector', e.currentTarget.value)}>
            <option value="">Alle sectoren</option>
            {AANBOD_SECTORS.map((sector) => (
              <option key={sector} value={sector}>
                {labelOf(SECTOR_LABELS, sector)}
              </option>
            ))}
          </select>
        </Field>
        <div class="check">
          <input id="filter-free" type="checkbox" checked={filters.withFreePlaces} onChange={(e) => set('withFreePlaces', e.currentTarget.checked)} />
          <label for="filter-free">Alleen met vrije plaatsen</label>
        </div>
      </form>
      <Answer answer={error === null ? null : { ok: false, text: error }} />
      {items === null && error === null && <Loading />}
      {items !== null && (
        <p role="status" class="muted">
          {items.length === 0 ? 'Geen aanbod dat aan deze filters voldoet.' : `${items.length}${cursor ? '+' : ''} aanbod gevonden.`}
        </p>
      )}
      {items !== null && items.length > 0 && (
        // Wider than a tablet: the scrolling wrapper takes keyboard focus so every column can be reached.
        <div class="table-wrap" tabIndex={0} role="region" aria-label="Tabel aanbod (scrollbaar)">
          <table class="aanbod-table">
            <caption>Aanbod in de catalogus</caption>
            <thead>
              <tr>
                <th scope="col">Aanbod</th>
                <th scope="col">Soort en route</th>
                <th scope="col">Regio</th>
                <th scope="col">Sectoren en leeftijd</th>
                <th scope="col" class="num">Capaciteit</th>
                <th scope="col" class="num">Bezet</th>
                <th scope="col" class="num">Vrij</th>
                <th scope="col">Intake</th>
                <th scope="col">Contact</th>
                {manages && <th scope="col">Beheer</th>}
              </tr>
            </thead>
            <tbody>
              {items.map((aanbod) => (
                <tr key={aanbod.id}>
                  <th scope="row">
                    {aanbod.name}
                    <div class="muted">{aanbod.aanbieder.name}</div>
                  </th>
                  <td>
                    {labelOf(AANBOD_KIND_LABELS, aanbod.kind)}
                    <div class="muted">{labelOf(ROUTE_SHORT_LABELS, aanbod.route)}</div>
                  </td>
                  <td>
                    {aanbod.region}
                    {aanbod.wijken.length > 0 && <div class="muted">{aanbod.wijken.join(', ')}</div>}
                  </td>
                  <td>
                    {aanbod.sectors.map((s) => labelOf(SECTOR_LABELS, s)).join(', ')}
                    <div class="muted">
                      {aanbod.ages.from}–{aanbod.ages.to} jaar
                    </div>
                  </td>
                  <td class="num">{aanbod.capacity}</td>
                  <td class="num">{aanbod.placesTaken}</td>
                  <td class={`num${aanbod.freePlaces === 0 ? ' overdue' : ''}`}>{aanbod.freePlaces === 0 ? 'Vol' : aanbod.freePlaces}</td>
                  <td>{aanbod.intakeRoutes.map((r) => labelOf(INTAKE_ROUTE_LABELS, r)).join('; ')}</td>
                  <td>
                    {labelOf(CONTACT_ROLE_LABELS, aanbod.contact.role)}
                    <div class="muted">{aanbod.contact.mailbox}</div>
                  </td>
                  {manages && (
                    <td>
                      {mayManage(aanbod) && (
                        <button type="button" class="secondary" aria-label={`${aanbod.name} wijzigen`} onClick={() => { setAnswer(null); setEditing(aanbod.id); }}>
                          Wijzigen
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {cursor !== null && (
        <p>
          <button type="button" class="secondary" onClick={() => void more()}>
            Meer aanbod laden
          </button>
        </p>
      )}
    </section>
  );
}
