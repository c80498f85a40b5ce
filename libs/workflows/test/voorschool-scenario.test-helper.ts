import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { dutchDateOf, type ChildPlanCommand, type ChildPlanStep } from '@schakel/domain';
import {
  aanmeldingBody,
  lateToddler,
  LOKET,
  SCHOOL,
  scheduleVoorschoolBody,
  secondsPolicy,
  voorschoolConsentBody,
  voorschoolOverdrachtBody,
  VOORSCHOOL,
  warmeOverdrachtBody,
} from '@schakel/domain/testing';
import { eventually } from '../../../tools/src/eventually.test-support';
import { CHILD_PLAN_WORKFLOW_TYPE, childPlanEventsQuery, childPlanStepUpdate, childPlanWorkflowId } from '../src/child-plan/child-plan.contract';

/**
 * The voorschool → PO overstap on the real dev server (issue 11 §5), shared by the plan's spec and its history
 * recorder. The toddler (lateToddler) reached the overdracht age a week ago, so the overdracht term is already
 * late when the overstap is scheduled: both levels of the test ladder fire at once.
 */
export async function runVoorschoolScenario(client: Client, taskQueue: string, childRef: string): Promise<{ refusals: unknown[] }> {
  const today = dutchDateOf(Date.now());
  const handle = await client.workflow.start(CHILD_PLAN_WORKFLOW_TYPE, { taskQueue, workflowId: childPlanWorkflowId(childRef), args: [{ childRef, region: 'swv-2801' }] });
  const step = (name: ChildPlanStep, command: Omit<ChildPlanCommand, 'requestId'>) => handle.executeUpdate(childPlanStepUpdate, { args: [name, { requestId: `req-${randomUUID()}`, ...command }] });
  const { birthDate, startDate } = lateToddler(Date.now());
  const t = { transitionId: 'overstap-1' };
  await step('scheduleVoorschoolTransition', { actor: LOKET, policy: secondsPolicy(600, 2, 1), birthDate, body: scheduleVoorschoolBody(startDate, { supportNeeded: true }) });
  await eventually(() => handle.query(childPlanEventsQuery), (events) => events.filter((e) => e.type === 'deadline.escalated' && e.data['rule'] === 'voorschoolOverdracht').length >= 2, 30_000);
  const refusals: unknown[] = [];
  // The overdracht waits for the aanmelding, and then for the parents' consent before anything but the VE data passes.
  refusals.push(await step('recordVoorschoolOverdracht', { actor: VOORSCHOOL, ...t, body: voorschoolOverdrachtBody(today, { documents: [] }) }).catch((e: unknown) => e));
  await step('recordAanmelding', { actor: SCHOOL, ...t, body: aanmeldingBody(today, { supportNeedExpected: true }) });
  refusals.push(await step('recordVoorschoolOverdracht', { actor: VOORSCHOOL, ...t, body: voorschoolOverdrachtBody(today) }).catch((e: unknown) => e));
  await step('recordVoorschoolConsent', { actor: VOORSCHOOL, ...t, body: voorschoolConsentBody(today) });
  await step('recordVoorschoolOverdracht', { actor: VOORSCHOOL, ...t, body: voorschoolOverdrachtBody(today) });
  await step('decideAdmission', { actor: SCHOOL, ...t, body: { outcome: 'toegelaten', decidedOn: today } });
  await step('recordWarmeOverdracht', { actor: VOORSCHOOL, ...t, body: warmeOverdrachtBody(today, { participants: ['intern_begeleider', 'ouders'] }) });
  await step('confirmTransition', { actor: LOKET, ...t, body: {} });
  return { refusals };
}
