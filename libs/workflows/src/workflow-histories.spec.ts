import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import * as workflows from './index';
import { CHILD_PLAN_PATCH } from './referral/referral.workflow';
import { bundleWorkflowsFromSource, loadTestWorkflowBundle } from '../../../tools/src/workflow-bundle.test-support';
import { TEST_DATA_CONVERTER } from '../../../tools/src/workflow-spec.test-support';

/**
 * Every stored history of every released workflow version (recorded by `npm run record-histories`,
 * dated, never overwritten) replays on today's code. A change that would make a running case or plan
 * take another path fails here: guard it with patched() (CONVENTIONS.md, docs/upgrades.md). Histories recorded
 * before payload encryption hold clear payloads, later ones payloads encrypted with the tests' key: the codec
 * passes the first through and decrypts the second, as the worker does with a running case (issue 5 §3).
 */
jest.setTimeout(120_000);

const HISTORIES = join(__dirname, '../test/histories');
const files = readdirSync(HISTORIES)
  .filter((file) => file.endsWith('.history.json'))
  .sort();

interface StoredHistory {
  events: Array<{
    workflowExecutionStartedEventAttributes?: { workflowType?: { name?: string } };
    markerRecordedEventAttributes?: { markerName?: string; details?: Record<string, { payloads?: Array<{ data?: string }> }> };
  }>;
}

const read = (file: string): StoredHistory => JSON.parse(readFileSync(join(HISTORIES, file), 'utf8')) as StoredHistory;
const workflowTypeOf = (history: StoredHistory): string | undefined => history.events[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name;

/** The patch ids a history's patched() calls recorded (core's `core_patch` markers: JSON `{id, deprecated}`). */
const patchIdsOf = (history: StoredHistory): string[] =>
  history.events
    .filter((event) => event.markerRecordedEventAttributes?.markerName === 'core_patch')
    .flatMap((event) => Object.values(event.markerRecordedEventAttributes?.details ?? {}).flatMap((detail) => detail.payloads ?? []))
    .map((payload) => (JSON.parse(Buffer.from(payload.data ?? '', 'base64').toString('utf8')) as { id: string }).id);

const replay = (workflowBundle: { code: string }, file: string) => Worker.runReplayHistory({ workflowBundle, dataConverter: TEST_DATA_CONVERTER }, read(file));

it('has a stored history of every workflow the worker runs', () => {
  // The workflows' entry point lists every workflow type a worker registers; a new one needs a recorder.
  const recorded = new Set(files.map((file) => workflowTypeOf(read(file))));
  expect(Object.keys(workflows).filter((type) => !recorded.has(type))).toEqual([]);
});

it.each(files)('replays the stored history %s without nondeterminism', async (file) => {
  await expect(replay(await loadTestWorkflowBundle(), file)).resolves.toBeUndefined();
});

/**
 * The worked example of docs/upgrades.md: issue 4 changed the released referralWorkflow (report to the child's
 * plan, claim its regisseur) under `patched('child-plan-v1')`. This bundle is today's code with every patched()
 * answering true without telling Temporal — the change as it would be without its guard — and the history
 * recorded before the change must then fail to replay, as the running cases of that version would have failed
 * on the new worker.
 */
describe(`a change to a running workflow without its patched('${CHILD_PLAN_PATCH}') guard`, () => {
  const RELEASED_BEFORE_THE_CHANGE = 'referral-whole-case.history.json';
  const RECORDED_AFTER_THE_CHANGE = 'referral-in-child-plan-2026-11-23.history.json';
  const WITHOUT_PATCHES = 'child-plan-overstap-2026-11-23.history.json';
  let unguarded: { code: string };

  beforeAll(async () => {
    unguarded = await bundleWorkflowsFromSource({ aliases: { '@temporalio/workflow$': join(__dirname, '../test/unguarded-patch.workflow-module.ts') } });
  }, 120_000);

  it('uses a history of the released version without the patch, and one recorded with it', () => {
    expect(patchIdsOf(read(RELEASED_BEFORE_THE_CHANGE))).toEqual([]);
    expect(patchIdsOf(read(RECORDED_AFTER_THE_CHANGE))).toEqual([CHILD_PLAN_PATCH]);
    expect(patchIdsOf(read(WITHOUT_PATCHES))).toEqual([]);
  });

  it('fails the history released before the change with a DeterminismViolationError', async () => {
    const replayed = replay(unguarded, RELEASED_BEFORE_THE_CHANGE);
    await expect(replayed).rejects.toThrow(DeterminismViolationError);
    // Where the released run projected the case, the unguarded code reports to the child's plan first.
    await expect(replayed).rejects.toThrow(/'projectReferral' does not match activity type of activity command 'reportToChildPlan'/);
  });

  it('replays the history released before the change with the guard in place', async () => {
    await expect(replay(await loadTestWorkflowBundle(), RELEASED_BEFORE_THE_CHANGE)).resolves.toBeUndefined();
  });

  it('replays a workflow that calls no patched(), so the failure above is the missing guard and not the bundle', async () => {
    await expect(replay(unguarded, WITHOUT_PATCHES)).resolves.toBeUndefined();
  });

  it('fails a history recorded with the patch too once the call is gone: the guard leaves through deprecatePatch() first', async () => {
    // Core insists on a patched() or deprecatePatch() call for every non-deprecated marker in a history.
    await expect(replay(unguarded, RECORDED_AFTER_THE_CHANGE)).rejects.toThrow(/patch marker encountered for change child-plan-v1/);
  });
});
