/**
 * The Temporal SDK's own counters from the worker's ops /metrics: workflow tasks executed and how many of them found
 * their workflow in the sticky cache. A task that did not had to create the workflow anew: replay its whole history
 * (an evicted case) or start it (a new one). That is what makes a step on an old case cost more than on a new one.
 */
export interface WorkerTaskCounts {
  workflowTasks: number;
  stickyCacheHits: number;
}

export async function workerTaskCounts(opsUrl: string): Promise<WorkerTaskCounts | undefined> {
  let text: string;
  try {
    const response = await fetch(`${opsUrl}/metrics`, { signal: AbortSignal.timeout(5_000) });
    if (!response.ok) return undefined;
    text = await response.text();
  } catch {
    return undefined;
  }
  const sum = (name: string): number => {
    let total = 0;
    for (const match of text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\d+(?:\\.\\d+)?(?:e[+-]?\\d+)?)`, 'gm'))) total += Number(match[1]);
    return total;
  };
  return { workflowTasks: sum('temporal_workflow_task_execution_latency_seconds_count'), stickyCacheHits: sum('temporal_sticky_cache_hit_total') };
}

/** Per operation between two readings: workflow tasks, and those that had to build their workflow (no cache hit). */
export function tasksPerOperation(before: WorkerTaskCounts | undefined, after: WorkerTaskCounts | undefined, operations: number): { workflowTasks: number; withoutCache: number } | undefined {
  if (before === undefined || after === undefined || operations === 0) return undefined;
  const tasks = after.workflowTasks - before.workflowTasks;
  const hits = after.stickyCacheHits - before.stickyCacheHits;
  return { workflowTasks: Math.round((tasks / operations) * 100) / 100, withoutCache: Math.round((Math.max(0, tasks - hits) / operations) * 100) / 100 };
}
