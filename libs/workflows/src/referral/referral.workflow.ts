import type { UpdateDefinition } from '@temporalio/common';
import { allHandlersFinished, condition, patched, proxyActivities, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import {
  actorRef,
  evaluationRequestSchema,
  ReferralMachine,
  toewijzingRequestSchema,
  type PlacementOutcome,
  type WachtlijstAdmission,
  type WachtlijstLapse,
  type ReferralCommand,
  type ReferralStep,
  type ToewijzingPlace,
  type WachtlijstRemovalReason,
} from '@schakel/domain';
import { wachtlijstAdmissionUpdate, wachtlijstLapsedUpdate } from '../wachtlijst/wachtlijst.contract';
import type { ReferralPlacementActivities } from './referral-placement.contract';
import { regisseurHandoverSignal, type ChildPlanActivities, type ChildPlanReport } from '../child-plan/child-plan.contract';
import type { NotificationActivities } from '../notification/notification.contract';
import { recordNotices } from '../notification/notice.recorder';
import { asFailure, guarded, rethrowDomainRefusal } from '../workflow-failure';
import {
  approveArrangementUpdate,
  ESCALATION_LEVEL_SEARCH_ATTRIBUTE,
  extendDeadlineUpdate,
  OVERDUE_SEARCH_ATTRIBUTE,
  pauseDeadlineUpdate,
  reportThuiszitterUpdate,
  resumeDeadlineUpdate,
  recordEvaluationUpdate,
  referralEventsQuery,
  referralProjectionQuery,
  referralStateQuery,
  rejectArrangementUpdate,
  submitArrangementUpdate,
  toewijzingUpdate,
  withdrawReferralUpdate,
  toestemmingUpdate,
  recordPaperToestemmingUpdate,
  zienswijzeUpdate,
  type ReferralActivities,
  type ReferralUpdateResult,
  type ReferralWorkflowInput,
  type ReferralWorkflowResult,
} from './referral.contract';

// Projections must eventually land even through a long database outage, so they retry without
// limit; a domain error (bad data) is non-retryable and would surface as a failed activity instead.
// One projection is a single small transaction: a short start-to-close timeout means an attempt lost
// with a crashed worker is retried elsewhere within seconds, while a waiting Update still answers.
const { projectReferral, recordNotification, reportToChildPlan, claimChildPlanRegisseur } = proxyActivities<ReferralActivities & NotificationActivities & ChildPlanActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: ['DomainError'] },
});

/**
 * The list may be started, queried and updated by these calls, each a few round trips to Temporal; retried until
 * done, except a refusal by the list itself (a domain code), which fails the step with that code.
 */
const { joinWachtlijst, leaveWachtlijst, syncAanbodPlaces } = proxyActivities<ReferralPlacementActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: ['DomainError'] },
});

/**
 * Issue 11 §2: a toewijzing names an aanbod of the catalogue and takes a place there or waits on its wachtlijst;
 * leaving the case frees the place. Added after release: only executions that record this marker take the path
 * (every step of it starts from a toewijzing with an aanbodId, which no earlier case had).
 */
export const WACHTLIJST_PATCH = 'wachtlijst-v1';

/**
 * Issue 4: a referral joins its child's plan and takes the plan's regisseur. Added after release, so it
 * runs only in executions that reach this point on the new code (a stored history replays without it).
 */
export const CHILD_PLAN_PATCH = 'child-plan-v1';

/**
 * Issue 11 §6 (ADR 0019): consent gates on a toewijzing to jeugdhulp and on an arrangement that needs instemming or a
 * TLV signature, answered by the parents or young person or from a signed paper form, with their own term; and the
 * zienswijze. Added after release: the gates open only from commands that carry the API's consent context, and the
 * marker is written where such a command (or one of the new Updates) is first handled, so stored histories replay.
 */
export const TOESTEMMING_PATCH = 'toestemming-v1';

const GATE_STEPS: readonly ReferralStep[] = ['toestemming', 'paperToestemming', 'zienswijze'];

/** Whether a step ends the case, and with it the place it holds: a withdrawal, or an evaluation that closes it. */
function closes(name: ReferralStep, command: ReferralCommand): boolean {
  if (name === 'withdraw') return true;
  return name === 'evaluate' && evaluationRequestSchema.safeParse(command.body).data?.outcome === 'afsluiten';
}

export async function referralWorkflow(input: ReferralWorkflowInput): Promise<ReferralWorkflowResult> {
  let machine: ReferralMachine;
  try {
    machine = ReferralMachine.submit(input.referralId, input.region, input.actor, input.body, new Date(), input.policy, input.requestId);
  } catch (error) {
    asFailure(error);
  }
  let projectedVersion = 0;

  setHandler(referralStateQuery, () => machine.state);
  setHandler(referralEventsQuery, () => [...machine.events]);
  setHandler(referralProjectionQuery, () => ({ summary: machine.summary(), events: [...machine.events] }));

  /**
   * A step answers only after its events are in the read model, so a client that reads the work
   * list right after a step sees it (read-your-writes through the single projector below).
   */
  const step = (name: ReferralStep) => ({
    validator: (command: ReferralCommand) => guarded(() => machine.check(name, command)),
    handler: async (command: ReferralCommand): Promise<ReferralUpdateResult> => {
      // A toewijzing that races the intake waits until the referral itself is on record.
      await condition(() => machine.state.stage !== 'gesignaleerd');
      let accepted = command;
      const gatesOn = (command.consent !== undefined || GATE_STEPS.includes(name)) && patched(TOESTEMMING_PATCH);
      if (!gatesOn && command.consent !== undefined) {
        const { consent: _ignored, ...withoutConsent } = command;
        accepted = withoutConsent;
      }
      if (name === 'toewijzing' && patched(CHILD_PLAN_PATCH)) {
        // Één kind, één regisseur: the child's plan names the regisseur or refuses another (REGISSEUR_CONFLICT).
        const body = toewijzingRequestSchema.parse(command.body);
        const claim = body.regisseurId === undefined ? { referralId: input.referralId, by: actorRef(command.actor) } : { referralId: input.referralId, regisseurId: body.regisseurId, by: actorRef(command.actor) };
        const regisseurId = await claimChildPlanRegisseur(planReport(), claim).catch(rethrowDomainRefusal);
        accepted = { ...command, body: { ...body, regisseurId } };
      }
      // Opschalen: the place the child holds stays its own until the next toewijzing is made, then goes back.
      const earlier = name === 'toewijzing' ? machine.place : undefined;
      if (name === 'toewijzing' && placementOf(accepted) !== undefined && patched(WACHTLIJST_PATCH)) {
        const version = await placeAndApply(accepted);
        return answer(earlier === undefined ? version : await releaseEarlier(earlier, accepted));
      }
      if (earlier !== undefined && patched(WACHTLIJST_PATCH)) {
        guarded(() => machine.apply(name, accepted, new Date()));
        return answer(await releaseEarlier(earlier, accepted));
      }
      if (closes(name, accepted) && machine.place !== undefined && patched(WACHTLIJST_PATCH)) {
        return answer(await leaveAndApply(name, accepted));
      }
      // A refused consent to share with the aanbod's provider: the case leaves the list first (ADR 0019).
      if (gatesOn && machine.refusalReleasesPlace(name, accepted)) {
        return answer(await leaveAndApply(name, accepted));
      }
      guarded(() => machine.apply(name, accepted, new Date()));
      return answer(machine.state.version);
    },
  });
  /** A step answers once its events are in the read model. */
  const answer = async (version: number): Promise<ReferralUpdateResult> => {
    await condition(() => projectedVersion >= version);
    return machine.state;
  };

  /** Joins or leaves of the aanbod's list in flight: an admission waits for them, so it meets the settled case. */
  let placing = 0;
  /** Aanbod whose taken places changed since the last copy to Postgres (publishPending writes them). */
  const placesToSync = new Set<string>();

  const placementOf = (command: ReferralCommand): string | undefined => {
    const aanbodId = (command.body as { aanbodId?: unknown } | null)?.aanbodId;
    return typeof aanbodId === 'string' && command.placement !== undefined ? aanbodId : undefined;
  };

  /**
   * A toewijzing to an aanbod: the aanbod's list decides (a place at once, or a place in the queue) and the
   * toewijzing is applied with its answer. The step is checked again first: the case may have moved since the
   * validator ran, and a refused step must not leave the case on a list.
   */
  const placeAndApply = async (command: ReferralCommand): Promise<number> => {
    guarded(() => machine.check('toewijzing', command));
    const aanbodId = placementOf(command) as string;
    const placement = command.placement!;
    const { state } = machine;
    const body = toewijzingRequestSchema.parse(command.body);
    placing += 1;
    let outcome: PlacementOutcome;
    try {
      outcome = await joinWachtlijst({
        aanbodId,
        capacity: placement.aanbod.capacity,
        placesTaken: placement.aanbod.placesTaken,
        policy: placement.wachtlijstPolicy,
        joinId: `${input.referralId}:toewijzing-${state.toewijzingen.length + 1}`,
        command: {
          actor: command.actor,
          ...(command.requestId === undefined ? {} : { requestId: command.requestId }),
          body: {
            referralId: input.referralId,
            childRef: state.request.childRef,
            region: input.region,
            thuiszitter: machine.isThuiszitter,
            // Waiting counts from the complete aanmelding (DOMAIN-PROVIDERS.md §2.1): the referral's intake.
            waitingSince: state.createdAt,
            school: state.request.school.brin,
            ...(body.regisseurId === undefined ? {} : { regisseurId: body.regisseurId }),
            // How the loket says the case waits: its urgency, the end of its beschikking or TLV, overbrugging.
            ...(body.urgency === undefined ? {} : { urgency: body.urgency }),
            ...(body.validUntil === undefined ? {} : { validUntil: body.validUntil }),
            ...(body.overbrugging === undefined ? {} : { overbrugging: body.overbrugging }),
          },
        },
      }).catch(rethrowDomainRefusal);
      placesToSync.add(aanbodId);
      try {
        machine.apply('toewijzing', { ...command, placement: { ...placement, outcome } }, new Date());
      } catch (error) {
        // Refused only now (the case moved meanwhile): the list must not keep a place for a step that did not happen.
        await leaveWachtlijst(leaveInput(aanbodId, outcome.status, command, 'anders', 'vertrokken'));
        asFailure(error);
      }
    } finally {
      placing -= 1;
    }
    return machine.state.version;
  };

  /** A withdrawal, or an evaluation that ends the arrangement: the list hears first, so the place goes on at once. */
  const leaveAndApply = async (name: ReferralStep, command: ReferralCommand): Promise<number> => {
    guarded(() => machine.check(name, command));
    const place = machine.place!;
    const withdrawn = name === 'withdraw';
    const refused = GATE_STEPS.includes(name);
    const removal = refused ? 'anders' : withdrawn ? 'ingetrokken' : 'nietMeerNodig';
    const release = refused ? 'vertrokken' : withdrawn ? 'ingetrokken' : 'arrangementBeeindigd';
    placing += 1;
    try {
      await leaveWachtlijst(leaveInput(place.aanbodId, place.status, command, removal, release));
      placesToSync.add(place.aanbodId);
      guarded(() => machine.apply(name, command, new Date()));
      machine.placeReleased(refused ? 'toestemmingGeweigerd' : withdrawn ? 'ingetrokken' : 'arrangementBeeindigd', new Date());
    } finally {
      placing -= 1;
    }
    return machine.state.version;
  };

  /**
   * After a new toewijzing: the earlier toewijzing's place goes back to its list (an occupant's place is freed for
   * the next case, a waiting entry leaves the queue), unless the new toewijzing kept that same place.
   */
  const releaseEarlier = async (earlier: ToewijzingPlace, command: ReferralCommand): Promise<number> => {
    if (machine.place?.aanbodId === earlier.aanbodId) return machine.state.version;
    placing += 1;
    try {
      await leaveWachtlijst(leaveInput(earlier.aanbodId, earlier.status, command, 'anderAanbod', 'arrangementBeeindigd'));
      placesToSync.add(earlier.aanbodId);
      machine.earlierPlaceReleased(earlier, earlier.status === 'toegelaten' ? 'arrangementBeeindigd' : 'anderAanbod', new Date());
    } finally {
      placing -= 1;
    }
    return machine.state.version;
  };

  const leaveInput = (aanbodId: string, held: 'wachtend' | 'toegelaten', command: ReferralCommand, removal: WachtlijstRemovalReason, release: 'ingetrokken' | 'arrangementBeeindigd' | 'vertrokken') => ({
    aanbodId,
    referralId: input.referralId,
    held,
    removal,
    release,
    command: { actor: command.actor, ...(command.requestId === undefined ? {} : { requestId: command.requestId }) },
  });

  const register = (update: UpdateDefinition<ReferralUpdateResult, [ReferralCommand]>, name: ReferralStep) => {
    const { validator, handler } = step(name);
    setHandler(update, handler, { validator });
  };
  register(toewijzingUpdate, 'toewijzing');
  register(submitArrangementUpdate, 'arrangement');
  register(approveArrangementUpdate, 'approve');
  register(rejectArrangementUpdate, 'reject');
  register(recordEvaluationUpdate, 'evaluate');
  register(withdrawReferralUpdate, 'withdraw');
  register(pauseDeadlineUpdate, 'pauseDeadline');
  register(resumeDeadlineUpdate, 'resumeDeadline');
  register(extendDeadlineUpdate, 'extendDeadline');
  register(reportThuiszitterUpdate, 'reportThuiszitter');
  register(toestemmingUpdate, 'toestemming');
  register(recordPaperToestemmingUpdate, 'paperToestemming');
  register(zienswijzeUpdate, 'zienswijze');

  /**
   * The aanbod's list gives the case a place (issue 11 §2-3), keyed by the admission's id as the Update id, so a
   * retry is answered once. A case that is closed, or whose toewijzing names another aanbod, refuses (STAGE_CONFLICT),
   * and the list gives the place to the next case. Only lists joined under WACHTLIJST_PATCH ever send it.
   */
  setHandler(
    wachtlijstAdmissionUpdate,
    async (admission) => {
      await condition(() => placing === 0);
      guarded(() => machine.admit(admission, new Date()));
      placesToSync.add(admission.aanbodId);
      await answer(machine.state.version);
      return { admissionId: admission.admissionId, referralId: input.referralId };
    },
    { validator: (_admission: WachtlijstAdmission) => guarded(() => machine.assertOpen()) },
  );

  /**
   * The aanbod's list says the case's beschikking or TLV ended while it waited: the case goes back to the loket's
   * toewijzing (ReferralMachine.placeLapsed). Keyed by the lapse's id as the Update id; only lists joined under
   * WACHTLIJST_PATCH ever send it, like the admission.
   */
  setHandler(
    wachtlijstLapsedUpdate,
    async (lapse) => {
      await condition(() => placing === 0);
      guarded(() => machine.placeLapsed(lapse, new Date()));
      await answer(machine.state.version);
      return { lapseId: lapse.lapseId, referralId: input.referralId };
    },
    { validator: (_lapse: WachtlijstLapse) => guarded(() => machine.assertOpen()) },
  );

  setHandler(regisseurHandoverSignal, (handover) => machine.handoverRegisseur(handover.regisseurId, handover.by, handover.reason, new Date()));

  const planReport = (): ChildPlanReport => ({ childRef: machine.state.request.childRef, region: input.region, entry: machine.planEntry() });
  let reportedToPlan = '';
  /** The child's plan hears of every change to the referral's stage, arrangement or regisseur (issue 4 §3). */
  const reportPlan = async (): Promise<void> => {
    const report = planReport();
    const { version: _version, ...content } = report.entry;
    const fingerprint = JSON.stringify(content);
    if (fingerprint === reportedToPlan) return;
    await reportToChildPlan(report);
    reportedToPlan = fingerprint;
  };

  let searchAttributes = { level: -1, overdue: false };
  /** Escalation level and overdue as search attributes: codes only, so operators can find stuck cases. */
  const publishSearchAttributes = (): void => {
    const { escalationLevel, overdueSince } = machine.summary();
    const next = { level: escalationLevel, overdue: overdueSince !== null };
    if (next.level === searchAttributes.level && next.overdue === searchAttributes.overdue) return;
    searchAttributes = next;
    upsertSearchAttributes([
      { key: ESCALATION_LEVEL_SEARCH_ATTRIBUTE, value: next.level },
      { key: OVERDUE_SEARCH_ATTRIBUTE, value: next.overdue },
    ]);
  };

  /** Each notice becomes one notification; its id is fixed here, so a retried activity records it once. */
  const sendNotices = (): Promise<void> =>
    recordNotices(recordNotification, machine.takeNotices(), (notice) =>
      // The parents' notices are found by the child they are about (GET /api/me/notifications): stored with its reference.
      notice.recipient.role === 'ouder' ? { referralId: input.referralId, childRef: machine.state.request.childRef } : { referralId: input.referralId },
    );

  /** Everything a change owes the outside world, in order: read model, search attributes, notifications. */
  const publishPending = async (): Promise<void> => {
    while (projectedVersion < machine.state.version) {
      const target = machine.state.version;
      const events = machine.events.filter((e) => e.seq > projectedVersion && e.seq <= target);
      await projectReferral({ summary: machine.summary(), events });
      projectedVersion = target;
    }
    publishSearchAttributes();
    await sendNotices();
    if (patched(CHILD_PLAN_PATCH)) await reportPlan();
    // Only a case that joined a list under WACHTLIJST_PATCH has anything here, so older histories never reach it.
    for (const aanbodId of [...placesToSync]) {
      placesToSync.delete(aanbodId);
      await syncAanbodPlaces(aanbodId);
    }
  };

  // Intake: the referral is on record before the loket's deadline starts.
  await publishPending();
  machine.requestToewijzing(new Date());

  while (machine.isOpen) {
    machine.tick(new Date());
    await publishPending();
    // Compare with what is projected, not the live version: a step applied while notifications were
    // being sent has already moved the version, and must wake the loop at once.
    const seen = projectedVersion;
    const wakeAt = machine.nextWakeAt();
    // One durable timer for the nearest moment (evaluation date, reminder, escalation); any step
    // changes the version and the loop recomputes it, so completed steps cancel their timers.
    if (wakeAt === undefined) await condition(() => machine.state.version !== seen);
    else await condition(() => machine.state.version !== seen, Math.max(1, wakeAt - Date.now()));
  }
  await publishPending();
  // Let in-flight Update handlers return their answers before the workflow completes.
  await condition(allHandlersFinished);
  const { stage, closedAt } = machine.state;
  return closedAt === undefined ? { referralId: input.referralId, stage } : { referralId: input.referralId, stage, closedAt };
}
