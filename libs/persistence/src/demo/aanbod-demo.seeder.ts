import type { DataSource } from 'typeorm';
import { aanbodRequestSchema, parseOrThrow, SYSTEM_ACTOR } from '@schakel/domain';
import { AanbodStore } from '../aanbod.store';
import { AANBOD_DEMO_SET, type AanbodDemoEntry } from './aanbod-demo.data';

/** What loading the demo catalogue did. */
export interface AanbodDemoLoad {
  /** Aanbod the catalogue held before. */
  before: number;
  /** Demo aanbod added now (0: all there already, or skipped). */
  added: number;
  /** Skipped because the catalogue was not empty (onlyIfEmpty). */
  skipped: boolean;
}

/** The request id of the demo set's audit entries: Schakel itself loaded them, through no request. */
export const DEMO_SEED_REQUEST_ID = 'seed-demo';

/**
 * Loads the demo provider catalogue (aanbod-demo.data.ts): every entry is first checked with the same schema as
 * POST /api/providers, so the demo never holds what the API would refuse; entries already present (by id) are
 * left as they are, so a second load adds nothing. `onlyIfEmpty`: only into a catalogue without any aanbod (what
 * `npm start` does), never next to a region's real one.
 */
export async function loadAanbodDemoSet(dataSource: DataSource, options: { onlyIfEmpty?: boolean; entries?: readonly AanbodDemoEntry[] } = {}): Promise<AanbodDemoLoad> {
  const entries = (options.entries ?? AANBOD_DEMO_SET).map((entry) => ({ ...entry, fields: parseOrThrow(aanbodRequestSchema, entry.fields) }));
  const store = new AanbodStore(dataSource);
  const before = await store.count();
  if (options.onlyIfEmpty === true && before > 0) return { before, added: 0, skipped: true };
  const added = await store.insertMissing(entries, { by: SYSTEM_ACTOR, at: new Date(), requestId: DEMO_SEED_REQUEST_ID });
  return { before, added: added.length, skipped: false };
}
