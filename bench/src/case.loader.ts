import type { ReferralWorkflowInput } from '@schakel/workflows/contracts';
import { runClosedLoop, sleep } from './load.runner';
import type { ScenarioContext } from './scenario.types';

export interface LoadedCases {
  ids: string[];
  errors: number;
  errorSamples: string[];
  seconds: number;
}

/**
 * Starts `count` referrals with the bare client in chunks, and lets each chunk's intake land in the read model
 * before the next chunk starts. Starting all at once would only queue the work at the server: the worker would
 * then interleave thousands of half-done intakes, evicting and replaying them from its bounded cache, which
 * measures cache thrash rather than what a steady flow of new cases costs.
 */
export async function loadCases(
  context: ScenarioContext,
  count: number,
  inputFor: (index: number) => ReferralWorkflowInput,
  onProgress?: (onRecord: number) => void,
  chunk = 200,
): Promise<LoadedCases> {
  const ids: string[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  const began = Date.now();
  for (let from = 0; from < count; from += chunk) {
    const size = Math.min(chunk, count - from);
    const chunkIds: string[] = [];
    const result = await runClosedLoop(size, context.settings.concurrency, async (i) => {
      const input = inputFor(from + i);
      await context.bare.start(input);
      chunkIds.push(input.referralId);
    });
    errors += result.errors;
    for (const sample of result.errorSamples) if (errorSamples.length < 5 && !errorSamples.includes(sample)) errorSamples.push(sample);
    await waitOnRecord(context, chunkIds, (n) => onProgress?.(ids.length + n));
    ids.push(...chunkIds);
    onProgress?.(ids.length);
  }
  return { ids, errors, errorSamples, seconds: (Date.now() - began) / 1000 };
}

/** Waits until every case in `ids` has its intake in the read model (stage past gesignaleerd). */
export async function waitOnRecord(context: ScenarioContext, ids: readonly string[], onProgress?: (onRecord: number) => void, timeoutMs = 600_000): Promise<void> {
  const began = Date.now();
  for (;;) {
    const onRecord = await countOnRecord(context, ids);
    onProgress?.(onRecord);
    if (onRecord >= ids.length) return;
    if (Date.now() - began > timeoutMs) throw new Error(`only ${onRecord}/${ids.length} intakes on record after ${timeoutMs / 1000} s`);
    await sleep(250);
  }
}

export async function countOnRecord(context: ScenarioContext, ids: readonly string[]): Promise<number> {
  const result = await context.stack.pool?.query<{ n: string }>(`SELECT count(*) AS n FROM referral WHERE id = ANY($1::uuid[]) AND stage <> 'gesignaleerd'`, [ids]);
  return Number(result?.rows[0]?.n ?? 0);
}
