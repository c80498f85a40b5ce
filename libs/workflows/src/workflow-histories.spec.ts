import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { loadTestWorkflowBundle } from '../../../tools/src/workflow-bundle.test-support';

/**
 * Every stored history of every released workflow version (recorded by `npm run record-histories`,
 * dated, never overwritten) replays on today's code. A change that would make a running case or plan
 * take another path fails here: guard it with patched() (CONVENTIONS.md).
 */
const HISTORIES = join(__dirname, '../test/histories');
const histories = readdirSync(HISTORIES).filter((file) => file.endsWith('.history.json'));

it('has stored histories of the referral and the child plan workflows', () => {
  expect(histories.some((file) => file.startsWith('referral-'))).toBe(true);
  expect(histories.some((file) => file.startsWith('child-plan-'))).toBe(true);
});

it.each(histories)('replays the stored history %s without nondeterminism', async (file) => {
  const history: unknown = JSON.parse(readFileSync(join(HISTORIES, file), 'utf8'));
  await expect(Worker.runReplayHistory({ workflowBundle: await loadTestWorkflowBundle() }, history)).resolves.toBeUndefined();
});
