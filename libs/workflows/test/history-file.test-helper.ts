import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyToJSON, type History } from '@temporalio/common/lib/proto-utils';

/** Where the replay spec (libs/workflows/src/workflow-histories.spec.ts) finds every stored history. */
export const HISTORIES_DIRECTORY = join(__dirname, 'histories');

/**
 * Stores a recorded history as `<scenario>-<YYYY-MM-DD>.history.json` (docs/upgrades.md). Never over an existing
 * file: a stored history is the only proof that the cases started on that version still replay, so a second
 * recording on the same day fails loudly instead of replacing the first.
 */
export function storeNewHistory(scenario: string, history: History): string {
  const file = `${scenario}-${new Date().toISOString().slice(0, 10)}.history.json`;
  try {
    writeFileSync(join(HISTORIES_DIRECTORY, file), historyToJSON(history) + '\n', { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new Error(`${file} exists and stored histories are never overwritten: keep it (it is what was recorded today), or record another scenario name`);
    }
    throw error;
  }
  return file;
}
