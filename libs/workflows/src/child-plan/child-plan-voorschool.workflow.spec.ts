import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { childPlanSpecServer } from '../../test/child-plan-worker.test-helper';
import { runVoorschoolScenario } from '../../test/voorschool-scenario.test-helper';
import { childPlanEventsQuery, childPlanStateQuery, childPlanWorkflowId } from './child-plan.contract';
import { VOORSCHOOL_PATCH } from './child-plan.workflow';

// On the real dev server from the global setup: timers are seconds ahead, waited for with bounded polls.
jest.setTimeout(90_000);

const specServer = childPlanSpecServer();

const failureTypeOf = (error: unknown) => (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure ? error.cause.type : undefined);

describe('childPlanWorkflow: the voorschool → PO overstap', () => {
  it('escalates a late overdracht, gates it on the parents’ consent, and confirms the overstap under the voorschool-v1 patch', async () => {
    const childRef = `lln-${randomUUID().slice(0, 8)}`;
    await specServer.withWorker(async (taskQueue, notifications) => {
      const { client } = specServer;
      const { refusals } = await runVoorschoolScenario(client, taskQueue, childRef);
      expect(refusals.map(failureTypeOf)).toEqual(['STAGE_CONFLICT', 'STAGE_CONFLICT']);

      const handle = client.workflow.getHandle(childPlanWorkflowId(childRef));
      const state = await handle.query(childPlanStateQuery);
      expect(state.transitions[0]).toMatchObject({ kind: 'voorschool', status: 'bevestigd', voorschool: { consent: { complete: true }, overdracht: { shared: 'volledig' } } });
      const overdracht = state.transitions[0]?.deadlines.find((d) => d.rule === 'voorschoolOverdracht');
      expect(overdracht).toMatchObject({ level: 2 });
      expect(overdracht?.closedAt).toBeDefined();
      // Level 1 to the voorschool (as a provider) and the loket, level 2 to the receiving basisschool.
      const escalations = notifications.filter((n) => n.kind === 'escalation' && n.rule === 'voorschoolOverdracht').map((n) => [n.level, n.recipient]);
      expect(escalations).toEqual([
        [1, { role: 'provider', org: 'vs-0042' }],
        [1, { role: 'loket', region: 'swv-2801' }],
        [2, { role: 'school', org: '12AB' }],
      ]);
      // No personal data in what the notifications carry: the pseudonymous reference only.
      expect(JSON.stringify(notifications)).not.toMatch(/\d{4}-\d{2}-\d{2}T.*geboren/);
      const events = await handle.query(childPlanEventsQuery);
      expect(events.filter((e) => e.type.startsWith('transition.')).map((e) => e.type)).toEqual([
        'transition.scheduled',
        'transition.aanmelding',
        'transition.voorschool_consent',
        'transition.voorschool_overdracht',
        'transition.admission',
        'transition.warme_overdracht',
        'transition.confirmed',
      ]);
      const history = await handle.fetchHistory();
      const markers = (history.events ?? []).filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch');
      expect(markers.length).toBeGreaterThanOrEqual(1);
      const patchIds = markers.flatMap((e) => Object.values(e.markerRecordedEventAttributes?.details ?? {}).flatMap((p) => (p.payloads ?? []).map((payload) => Buffer.from(payload.data ?? []).toString())));
      expect(patchIds.join(' ')).toContain(VOORSCHOOL_PATCH);
    });
  });
});
