import type { DataSource } from 'typeorm';
import { eventually } from '../../../tools/src/eventually.test-support';

/** A referral row locked by the test, so the next read-model projection of that referral waits for it. */
export interface HeldRow {
  /** Resolves once another session (the worker's projection) is blocked by this lock. */
  waitForWaiter(timeoutMs: number): Promise<void>;
  /** Ends the lock (the transaction rolls back: the test changed nothing); idempotent. */
  release(): Promise<void>;
}

/**
 * Holds `SELECT … FOR UPDATE` on a referral's row in a transaction of its own. The projection's upsert
 * (ON CONFLICT DO UPDATE) needs that row lock, so the activity that writes it — and the HTTP request whose
 * step waits for it — stays in flight, provably, until the test releases the lock: no sleeps, no test-only
 * code in the product. Keep the hold under the activity's start-to-close timeout (10 s) unless a timeout is
 * the point of the test.
 */
export async function holdReferralRow(dataSource: DataSource, referralId: string): Promise<HeldRow> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  const locked = (await runner.query('SELECT 1 FROM referral WHERE id = $1 FOR UPDATE', [referralId])) as unknown[];
  if (locked.length !== 1) throw new Error(`no referral row ${referralId} to hold`);
  const [{ pid }] = (await runner.query('SELECT pg_backend_pid() AS pid')) as [{ pid: number }];
  let released = false;
  return {
    waitForWaiter: async (timeoutMs) => {
      await eventually(
        async () => Number((await dataSource.query<Array<{ n: string }>>('SELECT count(*) AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))', [pid]))[0]?.n ?? 0),
        (waiting) => waiting > 0,
        timeoutMs,
        'a session waiting for the held referral row',
      );
    },
    release: async () => {
      if (released) return;
      released = true;
      await runner.rollbackTransaction();
      await runner.release();
    },
  };
}
