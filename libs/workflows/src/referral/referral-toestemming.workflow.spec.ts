import { randomUUID } from 'node:crypto';
import { ApplicationFailure, type DataConverter } from '@temporalio/common';
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { Worker, type NativeConnection } from '@temporalio/worker';
import type { ConsentContext, ReferralCommand, ResolvedDeadlinePolicy } from '@schakel/domain';
import { arrangementBody, JONGERE, LOKET, NATIONAL_POLICY, OUDER, OUDER_OF_OTHER_CHILD, REGISSEUR, SCHOOL, secondsPolicy, startReferralBody, toewijzingBody } from '@schakel/domain/testing';
import { eventually, step } from '../../../../tools/src/eventually.test-support';
import { connectWorkflowSpecServer, type WorkflowSpecServer } from '../../../../tools/src/workflow-spec.test-support';
import {
  approveArrangementUpdate,
  recordPaperToestemmingUpdate,
  referralEventsQuery,
  referralStateQuery,
  referralWorkflowId,
  submitArrangementUpdate,
  toestemmingUpdate,
  toewijzingUpdate,
  zienswijzeUpdate,
  type ReferralActivities,
} from './referral.contract';
import type { NotificationActivities, NotificationInput } from '../notification/notification.contract';
import type { ChildPlanActivities } from '../child-plan/child-plan.contract';

/**
 * The consent gates and the zienswijze (issue 11 §6, ADR 0019) on the real dev server: a gated toewijzing waits in
 * wacht_op_toestemming until the parent's own Update or a paper form opens it; a refusal sends it back to the loket;
 * the wait has its own term (a seconds policy here) with reminder and escalation; an arrangement that needs
 * instemming is not approved before it, and a zienswijze given before the approval is recorded with it.
 */
jest.setTimeout(60_000);

let server: WorkflowSpecServer;
let nativeConnection: NativeConnection;
let client: Client;
let workflowBundle: { code: string };
let dataConverter: DataConverter;

beforeAll(async () => {
  server = await connectWorkflowSpecServer();
  ({ nativeConnection, client, workflowBundle, dataConverter } = server);
});

afterAll(async () => {
  await server?.close();
});

function activities(notifications: NotificationInput[] = []): ReferralActivities & NotificationActivities & ChildPlanActivities {
  return {
    async projectReferral() {},
    async recordNotification(notification) {
      notifications.push(notification);
    },
    async reportToChildPlan() {},
    async claimChildPlanRegisseur(_report, claim) {
      return claim.regisseurId ?? REGISSEUR.sub;
    },
  };
}

async function withWorker<T>(acts: ReferralActivities & NotificationActivities & ChildPlanActivities, run: (taskQueue: string) => Promise<T>): Promise<T> {
  const taskQueue = `test-toestemming-${randomUUID()}`;
  const worker = await Worker.create({ connection: nativeConnection, taskQueue, workflowBundle, dataConverter, activities: acts });
  return worker.runUntil(run(taskQueue));
}

function start(taskQueue: string, policy: ResolvedDeadlinePolicy = NATIONAL_POLICY) {
  const referralId = randomUUID();
  const body = startReferralBody({ parents: { informed: true, consent: false } });
  return client.workflow.start('referralWorkflow', {
    taskQueue,
    workflowId: referralWorkflowId(referralId),
    args: [{ referralId, region: 'swv-2801', actor: SCHOOL, requestId: 'req-start', body, policy }],
  });
}

const AGE_9: ConsentContext = { ageYears: 9, parentsWithGezag: 1 };
const AGE_13: ConsentContext = { ageYears: 13, parentsWithGezag: 1 };
const command = (actor: ReferralCommand['actor'], body: unknown, consent?: ConsentContext): ReferralCommand => ({
  actor,
  body,
  requestId: `req-${randomUUID()}`,
  ...(consent === undefined ? {} : { consent }),
});

function failureTypeOf(error: unknown): string | undefined {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) return error.cause.type ?? undefined;
  return undefined;
}

describe('referralWorkflow consent gates', () => {
  it('waits for the parent and the child of 13, each answering for themselves, before the arrangement', async () => {
    await withWorker(activities(), async (taskQueue) => {
      const handle = await step('start', start(taskQueue));
      const waiting = await step('toewijzing', handle.executeUpdate(toewijzingUpdate, { args: [command(LOKET, toewijzingBody(), AGE_13)] }));
      expect(waiting.stage).toBe('wacht_op_toestemming');
      expect(waiting.toestemmingen?.[0]).toMatchObject({ id: 'toestemming-1', decision: 'gegevensdeling', status: 'open', requirement: { required: ['ouders', 'jongere'] } });

      // The school cannot draft the arrangement yet, and a parent of another child does not find the case.
      const early = await handle.executeUpdate(submitArrangementUpdate, { args: [command(SCHOOL, arrangementBody('2027-03-01'))] }).catch((e: unknown) => e);
      expect(failureTypeOf(early)).toBe('STAGE_CONFLICT');
      const stranger = await handle.executeUpdate(toestemmingUpdate, { args: [command(OUDER_OF_OTHER_CHILD, { gateId: 'toestemming-1', besluit: 'toestemming' }, AGE_13)] }).catch((e: unknown) => e);
      expect(failureTypeOf(stranger)).toBe('NOT_FOUND');

      const half = await step('ouder', handle.executeUpdate(toestemmingUpdate, { args: [command(OUDER, { gateId: 'toestemming-1', besluit: 'toestemming' }, AGE_13)] }));
      expect(half.stage).toBe('wacht_op_toestemming');
      const open = await step('jongere', handle.executeUpdate(toestemmingUpdate, { args: [command(JONGERE, { gateId: 'toestemming-1', besluit: 'toestemming' }, AGE_13)] }));
      expect(open.stage).toBe('arrangement');
      expect(open.deadlines.find((d) => d.rule === 'toestemming')?.closedAt).toEqual(expect.any(String));
      const events = await handle.query(referralEventsQuery);
      expect(events.map((e) => e.type).filter((t) => t.startsWith('toestemming.'))).toEqual(['toestemming.gevraagd', 'toestemming.ontvangen', 'toestemming.verleend']);
      await handle.terminate('done');
    });
  });

  it('opens on a paper form recorded by the loket, and sends the toewijzing back to the loket on a refusal', async () => {
    await withWorker(activities(), async (taskQueue) => {
      const consented = await step('start', start(taskQueue));
      await step('toewijzing', consented.executeUpdate(toewijzingUpdate, { args: [command(LOKET, toewijzingBody(), AGE_9)] }));
      const paper = { gateId: 'toestemming-1', party: 'ouders', besluit: 'toestemming', signedOn: '2026-11-20', formOnFile: true };
      const byPaper = await step('paper', consented.executeUpdate(recordPaperToestemmingUpdate, { args: [command(LOKET, paper, AGE_9)] }));
      expect(byPaper.stage).toBe('arrangement');
      expect(byPaper.toestemmingen?.[0]?.answers).toEqual([expect.objectContaining({ via: 'papier', signedOn: '2026-11-20', by: expect.objectContaining({ role: 'loket' }) })]);
      await consented.terminate('done');

      const refused = await step('start', start(taskQueue));
      await step('toewijzing', refused.executeUpdate(toewijzingUpdate, { args: [command(LOKET, toewijzingBody(), AGE_9)] }));
      const back = await step('weigering', refused.executeUpdate(toestemmingUpdate, { args: [command(OUDER, { gateId: 'toestemming-1', besluit: 'weigering' }, AGE_9)] }));
      expect(back.stage).toBe('toewijzing');
      expect(back.toestemmingen?.[0]?.status).toBe('geweigerd');
      expect(back.deadlines.filter((d) => d.closedAt === undefined).map((d) => d.rule)).toEqual(['toewijzing']);
      await refused.terminate('done');
    });
  });

  it('reminds the loket and escalates to the regisseur while the consent does not come (seconds policy)', async () => {
    const notifications: NotificationInput[] = [];
    await withWorker(activities(notifications), async (taskQueue) => {
      const handle = await step('start', start(taskQueue, secondsPolicy(3, 2, 2)));
      await step('toewijzing', handle.executeUpdate(toewijzingUpdate, { args: [command(LOKET, toewijzingBody(), AGE_9)] }));
      const about = await eventually(
        async () => notifications.filter((n) => n.rule === 'toestemming').map((n) => `${n.kind}:${n.level}:${n.recipient.role}`),
        (sent) => sent.length >= 4,
        30_000,
        'the family asked, the toestemming term reminded and escalated twice',
      );
      expect((await handle.query(referralStateQuery)).stage).toBe('wacht_op_toestemming');
      // The family is asked themselves when the gate opens; the loket and the regisseur follow the term.
      expect(about).toEqual(['reminder:0:ouder', 'reminder:0:loket', 'escalation:1:loket', 'escalation:2:regisseur']);
      // Codes and dates only: nothing about the child or the family. The parents' notice is stored with the child's
      // pseudonymous reference (how their notifications find it), never with it in the text.
      const [forParents, ...forStaff] = notifications.filter((n) => n.rule === 'toestemming');
      expect(JSON.stringify(forStaff)).not.toContain('lln-7f3a9c');
      expect(forParents?.message).not.toContain('lln-7f3a9c');
      expect(forParents).toMatchObject({ recipient: { role: 'ouder' }, childRef: 'lln-7f3a9c' });
      await handle.terminate('done');
    });
  });

  it('holds the approval until the instemming with the OPP handelingsdeel, and records the zienswijze given before it', async () => {
    await withWorker(activities(), async (taskQueue) => {
      const handle = await step('start', start(taskQueue));
      await step('toewijzing', handle.executeUpdate(toewijzingUpdate, { args: [command(LOKET, toewijzingBody({ route: 'onderwijs', providerId: undefined }), AGE_9)] }));
      const submitted = await step(
        'arrangement',
        handle.executeUpdate(submitArrangementUpdate, { args: [command(SCHOOL, { ...arrangementBody('2027-03-01'), oppHandelingsdeel: true }, AGE_9)] }),
      );
      expect(submitted.stage).toBe('wacht_op_toestemming');
      const tooSoon = await handle.executeUpdate(approveArrangementUpdate, { args: [command(REGISSEUR, {})] }).catch((e: unknown) => e);
      expect(failureTypeOf(tooSoon)).toBe('STAGE_CONFLICT');

      const viewed = await step('zienswijze', handle.executeUpdate(zienswijzeUpdate, { args: [command(OUDER, { text: 'Graag ook aandacht voor de overgang naar de middag.' })] }));
      expect(viewed.arrangements[0]?.zienswijzen).toEqual([expect.objectContaining({ party: 'ouders', text: 'Graag ook aandacht voor de overgang naar de middag.' })]);
      await step('instemming', handle.executeUpdate(toestemmingUpdate, { args: [command(OUDER, { gateId: 'toestemming-1', besluit: 'toestemming' }, AGE_9)] }));
      const approved = await step('approve', handle.executeUpdate(approveArrangementUpdate, { args: [command(REGISSEUR, {})] }));
      expect(approved.stage).toBe('uitvoering');
      const events = await handle.query(referralEventsQuery);
      expect(events.find((e) => e.type === 'arrangement.approved')?.data).toMatchObject({ zienswijzen: 1 });
      // The view's text is on the case only, never on the timeline that the read model and audit log receive.
      expect(JSON.stringify(events)).not.toContain('overgang naar de middag');
      await handle.terminate('done');
    });
  });
});
