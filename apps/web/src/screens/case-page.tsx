import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, describeError, type CaseEvent, type ChildPlan, type Me, type ReferralState } from '../api';
import { actorLabel, ARRANGEMENT_STATUS_LABELS, CONCERN_AREAS, date, dateTime, DEADLINE_LABELS, EVENT_LABELS, ROUTES, STAGE_LABELS, STAGES, SUPPORT_KINDS } from '../labels';
import { Answer, Loading, StageBadge } from '../ui';
import { ArrangementDecision } from './arrangement-decision';
import { ArrangementForm } from './arrangement-form';
import { EvaluationForm } from './evaluation-form';
import { WachtplaatsPanel } from './wachtplaats-panel';

const CONCERN = Object.fromEntries(CONCERN_AREAS);
const ROUTE = Object.fromEntries(ROUTES);
const KIND = Object.fromEntries(SUPPORT_KINDS);

/** The stages as a drawn path: done, current (aria-current) and still ahead. */
function StagePath(props: { stage: string }) {
  // Only a case that waits for a place passes through `wacht_op_plaats`: shown in its path only then.
  const stages: readonly string[] = props.stage === 'wacht_op_plaats' ? [...STAGES.slice(0, 2), 'wacht_op_plaats', ...STAGES.slice(2)] : STAGES;
  const index = stages.indexOf(props.stage);
  return (
    <ol class="stage-path" aria-label="Fasen van de zaak">
      {stages.map((stage, i) => (
        <li key={stage} class={i < index ? 'done' : i === index ? 'current' : 'ahead'} aria-current={i === index ? 'step' : undefined}>
          {STAGE_LABELS[stage]}
        </li>
      ))}
      {props.stage === 'ingetrokken' && (
        <li class="current" aria-current="step">
          Ingetrokken
        </li>
      )}
    </ol>
  );
}

function kindOf(type: string): string {
  if (type === 'deadline.escalated') return 'escalation';
  if (type.startsWith('deadline.')) return 'deadline';
  if (type === 'arrangement.rejected' || type === 'referral.withdrawn') return 'refusal';
  return 'step';
}

/** The regisseur's note or reason with an approval or rejection, from the arrangement version the event names. */
function decisionNote(event: CaseEvent, state: ReferralState): string | undefined {
  if (event.type !== 'arrangement.approved' && event.type !== 'arrangement.rejected') return undefined;
  return state.arrangements.find((arrangement) => arrangement.version === event.data['version'])?.decisionNote;
}

/**
 * The timeline drawn as a timeline: every step on a line in time order (who, what, when, into which stage),
 * deadline events and escalations marked apart, and the running terms ahead as open markers at their due date.
 */
function Timeline(props: { events: CaseEvent[]; state: ReferralState }) {
  const open = props.state.deadlines.filter((deadline) => deadline.closedAt === undefined);
  return (
    <ol class="timeline" aria-label="Tijdlijn">
      {props.events.map((event) => (
        <li key={event.seq} class={`timeline-item timeline-item--${kindOf(event.type)}`}>
          <span class="marker" aria-hidden="true" />
          <div class="timeline-body">
            <strong>{EVENT_LABELS[event.type] ?? event.type}</strong>
            <span class="muted">
              {' '}
              · {dateTime(event.at)} · {actorLabel(event.actor)}
            </span>
            <div class="timeline-meta">
              Fase: {STAGE_LABELS[event.stage] ?? event.stage}
              {typeof event.data['level'] === 'number' ? ` · escalatieniveau ${event.data['level']}` : ''}
              {decisionNote(event, props.state) ? ` · “${decisionNote(event, props.state)}”` : ''}
            </div>
          </div>
        </li>
      ))}
      {open.map((deadline) => (
        <li key={deadline.id} class={`timeline-item timeline-item--ahead${Date.parse(deadline.dueAt) < Date.now() ? ' timeline-item--overdue' : ''}`}>
          <span class="marker" aria-hidden="true" />
          <div class="timeline-body">
            <strong>Termijn {DEADLINE_LABELS[deadline.rule] ?? deadline.rule}</strong>
            <span class="muted"> · uiterlijk {dateTime(deadline.dueAt)}</span>
            <div class="timeline-meta">
              {deadline.pausedAt ? 'Opgeschort · ' : ''}
              {Date.parse(deadline.dueAt) < Date.now() ? 'Verlopen' : 'Loopt'}
              {deadline.level > 0 ? ` · escalatieniveau ${deadline.level}` : ''}
            </div>
          </div>
        </li>
      ))}
    </ol>
  );
}

function PlanSection(props: { plan: ChildPlan }) {
  const { plan } = props;
  return (
    <section aria-labelledby="plan-title" class="panel">
      <h2 id="plan-title">Plan van het kind</h2>
      <p>
        Één kind, één plan, één regisseur. Regisseur: <strong>{plan.regisseur?.regisseurId ?? 'nog niet toegewezen'}</strong>
        {plan.regisseur ? ` (sinds ${date(plan.regisseur.from)})` : ''}.
      </p>
      <h3>Scholen</h3>
      <ol class="school-path">
        {plan.schools.map((school) => (
          <li key={`${school.sector}-${school.from}`}>
            {school.sector} {school.brin ?? ''} <span class="muted">vanaf {date(school.from)}{school.until ? ` tot ${date(school.until)}` : ''}</span>
          </li>
        ))}
        {plan.transitions
          .filter((transition) => transition.status !== 'geannuleerd')
          .map((transition) => (
            <li key={transition.transitionId} class="ahead">
              Overstap naar {transition.to.sector} {transition.to.brin ?? ''} <span class="muted">per {date(transition.startDate)} ({transition.status})</span>
            </li>
          ))}
      </ol>
      <h3>Verwijzingen en arrangementen</h3>
      <ul class="plain">
        {plan.referrals.map((referral) => (
          <li key={referral.referralId}>
            <a href={`#/zaak/${referral.referralId}`}>Aanmelding van {date(referral.createdAt)}</a> ({referral.school.sector} {referral.school.brin}) ·{' '}
            <StageBadge stage={referral.stage} label={STAGE_LABELS[referral.stage] ?? referral.stage} />
            {referral.arrangement && (
              <span>
                {' '}
                · {KIND[referral.arrangement.kind] ?? referral.arrangement.kind}, {ARRANGEMENT_STATUS_LABELS[referral.arrangement.status] ?? referral.arrangement.status},{' '}
                {date(referral.arrangement.startDate)} – {date(referral.arrangement.endDate)}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Everyone's case page: the stage path, the timeline, the running terms, the arrangement, the child's plan. */
export function CasePage(props: { me: Me; referralId: string; fresh: boolean }) {
  const [state, setState] = useState<ReferralState | null>(null);
  const [events, setEvents] = useState<CaseEvent[]>([]);
  const [plan, setPlan] = useState<ChildPlan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let stop = false;
    (async () => {
      try {
        const loaded = await api<ReferralState>(`/referrals/${props.referralId}`);
        const timeline = await api<{ items: CaseEvent[] }>(`/referrals/${props.referralId}/events`);
        if (stop) return;
        setState(loaded);
        setEvents(timeline.items);
        if (props.me.allowedActions.includes('plan.view')) {
          api<ChildPlan>(`/children/${encodeURIComponent(loaded.request.childRef)}/plan`)
            .then((p) => !stop && setPlan(p))
            .catch((e: unknown) => {
              if (!(e instanceof ApiError && e.status === 404)) setError(describeError(e));
            });
        }
      } catch (e) {
        if (!stop) setError(describeError(e));
      }
    })();
    return () => {
      stop = true;
    };
  }, [props.referralId, version]);

  // The read model follows the workflow within moments: reload once so a step just taken shows on the timeline.
  function refresh(): void {
    setTimeout(() => setVersion((v) => v + 1), 400);
  }

  if (error !== null && state === null) {
    return (
      <section>
        <h1 tabIndex={-1}>Zaak</h1>
        <Answer answer={{ ok: false, text: error }} />
      </section>
    );
  }
  if (state === null) return <Loading />;

  const allowed = (action: string) => props.me.allowedActions.includes(action);
  const current = state.arrangements[state.arrangements.length - 1];
  const assigned = state.toewijzingen[state.toewijzingen.length - 1];
  const canDraft = allowed('referral.arrangement') && state.stage === 'arrangement' && current?.status !== 'ter_goedkeuring';
  const canDecide = allowed('referral.approve') && current?.status === 'ter_goedkeuring' && (assigned?.regisseurId ?? props.me.actor.sub) === props.me.actor.sub;
  const canEvaluate = allowed('referral.evaluate') && state.stage === 'evaluatie' && (assigned?.regisseurId ?? props.me.actor.sub) === props.me.actor.sub;

  return (
    <section>
      <div class="title-row">
        <h1 tabIndex={-1}>Zaak van leerling {state.request.childRef}</h1>
        <StageBadge stage={state.stage} label={STAGE_LABELS[state.stage] ?? state.stage} />
      </div>
      {props.fresh && <Answer answer={{ ok: true, text: 'Aanmelding ontvangen. Het loket doet nu de toewijzing.' }} />}
      <Answer answer={error === null ? null : { ok: false, text: error }} />
      <StagePath stage={state.stage} />
      <div class="case-grid">
        <div>
          <section aria-labelledby="timeline-title" class="panel">
            <h2 id="timeline-title">Tijdlijn</h2>
            <Timeline events={events} state={state} />
          </section>
        </div>
        <div>
          <section aria-labelledby="facts-title" class="panel">
            <h2 id="facts-title">Gegevens</h2>
            <dl class="facts">
              <dt>School</dt>
              <dd>
                {state.request.school.brin} ({state.request.school.sector})
              </dd>
              <dt>Zorg</dt>
              <dd>{state.request.concerns.map((c) => `${CONCERN[c.area] ?? c.area}: ${c.description}`).join('; ')}</dd>
              <dt>Samenvatting</dt>
              <dd>{state.request.summary}</dd>
              <dt>Thuiszitter</dt>
              <dd>{state.request.thuiszitter.isThuiszitter ? `Ja, sinds ${date(state.request.thuiszitter.since)}` : 'Nee'}</dd>
              <dt>Toewijzing</dt>
              <dd>
                {assigned
                  ? `${ROUTE[assigned.route] ?? assigned.route}; aanbieder ${assigned.providerId ?? '—'}${assigned.aanbodId ? ' (aanbod uit de catalogus)' : ''}; regisseur ${assigned.regisseurId ?? '—'}`
                  : 'Nog niet toegewezen'}
              </dd>
              <dt>Evaluatie</dt>
              <dd>{state.evaluationDueAt ? dateTime(state.evaluationDueAt) : '—'}</dd>
            </dl>
          </section>
          <WachtplaatsPanel me={props.me} state={state} events={events} />
          <section aria-labelledby="arrangement-title" class="panel">
            <h2 id="arrangement-title">Arrangement</h2>
            {current === undefined ? (
              <p>Nog geen arrangement.</p>
            ) : (
              <div>
                <p>
                  Versie {current.version}: {KIND[current.kind] ?? current.kind}, {current.intensity.hoursPerWeek} uur per week ·{' '}
                  <strong>{ARRANGEMENT_STATUS_LABELS[current.status] ?? current.status}</strong>
                </p>
                <ul>
                  {current.goals.map((goal) => (
                    <li key={goal}>{goal}</li>
                  ))}
                </ul>
                <p class="muted">
                  {date(current.startDate)} – {date(current.endDate)}, evaluatie {date(current.evaluationDate)}
                </p>
              </div>
            )}
            {canDecide && <ArrangementDecision referralId={state.referralId} label="het arrangement" onDecided={refresh} />}
            {canDraft && <ArrangementForm referralId={state.referralId} onSubmitted={refresh} />}
            {canEvaluate && <EvaluationForm referralId={state.referralId} onSubmitted={refresh} />}
          </section>
          <section aria-labelledby="deadlines-title" class="panel">
            <h2 id="deadlines-title">Termijnen</h2>
            {state.deadlines.length === 0 ? (
              <p>Geen termijnen.</p>
            ) : (
              <div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Termijn</th>
                      <th scope="col">Uiterlijk</th>
                      <th scope="col">Status</th>
                    </tr>
                  </thead>
                  <tbody>
                    {state.deadlines.map((deadline) => (
                      <tr key={deadline.id}>
                        <td>{DEADLINE_LABELS[deadline.rule] ?? deadline.rule}</td>
                        <td>{dateTime(deadline.dueAt)}</td>
                        <td>
                          {deadline.closedAt
                            ? 'Afgerond'
                            : deadline.pausedAt
                              ? 'Opgeschort'
                              : Date.parse(deadline.dueAt) < Date.now()
                                ? `Verlopen${deadline.level > 0 ? `, escalatie ${deadline.level}` : ''}`
                                : 'Loopt'}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </div>
      </div>
      {plan !== null && <PlanSection plan={plan} />}
    </section>
  );
}
