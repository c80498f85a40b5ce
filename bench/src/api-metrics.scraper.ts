/**
 * The API's own count of its calls to Temporal, by gRPC method (`schakel_temporal_client_request_duration_seconds`,
 * GET /metrics, open outside production). Differences between two readings, divided by the requests in between, give
 * the Temporal round trips one request costs: a figure no machine load can blur.
 */
export async function temporalCallCounts(apiUrl: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  let text: string;
  try {
    const response = await fetch(`${apiUrl}/metrics`, { signal: AbortSignal.timeout(5_000) });
    if (!response.ok) return counts;
    text = await response.text();
  } catch {
    return counts;
  }
  for (const match of text.matchAll(/^schakel_temporal_client_request_duration_seconds_count\{([^}]*)\} (\d+(?:\.\d+)?)/gm)) {
    const method = /method="([^"]+)"/.exec(match[1] ?? '')?.[1];
    if (method === undefined) continue;
    counts.set(method, (counts.get(method) ?? 0) + Number(match[2]));
  }
  return counts;
}

/** Calls per request between two readings, by method (only methods that were called). */
export function callsPerRequest(before: Map<string, number>, after: Map<string, number>, requests: number): Record<string, number> {
  const result: Record<string, number> = {};
  for (const [method, count] of after) {
    const calls = count - (before.get(method) ?? 0);
    if (calls > 0 && requests > 0) result[method] = Math.round((calls / requests) * 100) / 100;
  }
  return result;
}

/** Adds one reading's difference to a running total. */
export function addCalls(total: Map<string, number>, before: Map<string, number>, after: Map<string, number>): void {
  for (const [method, count] of after) total.set(method, (total.get(method) ?? 0) + count - (before.get(method) ?? 0));
}

export function describeCalls(perRequest: Record<string, number>): string {
  const entries = Object.entries(perRequest);
  return entries.length === 0 ? 'none' : entries.map(([method, calls]) => `${method} ${calls}`).join(', ');
}
