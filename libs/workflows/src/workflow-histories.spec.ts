import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { loadTestWorkflowBundle } from '../../../tools/src/workflow-bundle.test-support';
import { TEST_DATA_CONVERTER } from '../../../tools/src/workflow-spec.test-support';

/**
 * Every stored history of every released workflow version (recorded by `npm run record-histories`,
 * dated, never overwritten) replays on today's code. A change that would make a running case or plan
 * take another path fails here: guard it with patched() (CONVENTIONS.md). Histories recorded before payload
 * encryption hold clear payloads, later ones payloads encrypted with the tests' key: the codec passes the
 * first through and decrypts the second, as the worker does with a running case (issue 5 §3).
 */
const HISTORIES = join(__dirname, '../test/histories');
const histories = readdirSync(HISTORIES).filter((file) => file.endsWith('.history.json'));

it('has stored histories of the referral and the child plan workflows', () => {
  expect(histories.some((file) => file.startsWith('referral-'))).toBe(true);
  expect(histories.some((file) => file.startsWith('child-plan-'))).toBe(true);
});

it.each(histories)('replays the stored history %s without nondeterminism', async (file) => {
  const history: unknown = JSON.parse(readFileSync(join(HISTORIES, file), 'utf8'));
  await expect(Worker.runReplayHistory({ workflowBundle: await loadTestWorkflowBundle(), dataConverter: TEST_DATA_CONVERTER }, history)).resolves.toBeUndefined();
});
