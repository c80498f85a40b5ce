/** What the limiter decides for one request. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  /** Milliseconds since the epoch when `tokens` was last brought up to date. */
  updatedAt: number;
}

/**
 * Most clients the limiter remembers at once. An attacker cycling through addresses could otherwise grow the
 * map without bound, turning the defence against resource exhaustion into one (OWASP API4:2023).
 */
const MAX_CLIENTS = 50_000;

/**
 * A token bucket per client: `perMinute` requests in a burst, refilled evenly over a minute. Smoother than a
 * fixed window (no double burst at the window edge) and it gives an exact Retry-After (RFC 6585 §4).
 * In memory: each API instance limits on its own (a shared store is for when the API runs replicated).
 */
export class ClientRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly refillPerMs: number;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!Number.isInteger(perMinute) || perMinute < 1) throw new Error(`perMinute must be a positive integer, got ${perMinute}`);
    this.refillPerMs = perMinute / 60_000;
  }

  take(client: string): RateDecision {
    const now = this.now();
    const bucket = this.refreshed(client, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.refillPerMs / 1_000)) };
  }

  /** Clients currently remembered (a full bucket is forgotten when room is needed). */
  get size(): number {
    return this.buckets.size;
  }

  private refreshed(client: string, now: number): Bucket {
    const known = this.buckets.get(client);
    if (known !== undefined) {
      known.tokens = Math.min(this.perMinute, known.tokens + (now - known.updatedAt) * this.refillPerMs);
      known.updatedAt = now;
      // Re-inserted so the map's order is least recently seen first, which is what eviction drops.
      this.buckets.delete(client);
      this.buckets.set(client, known);
      return known;
    }
    if (this.buckets.size >= MAX_CLIENTS) this.evict(now);
    const fresh = { tokens: this.perMinute, updatedAt: now };
    this.buckets.set(client, fresh);
    return fresh;
  }

  /**
   * Forgets clients idle long enough for their bucket to be full again (forgetting them changes nothing), and
   * if that is not enough the least recently seen ones.
   */
  private evict(now: number): void {
    const fullAfterMs = 60_000;
    for (const [client, bucket] of this.buckets) {
      if (now - bucket.updatedAt < fullAfterMs) break;
      this.buckets.delete(client);
    }
    const excess = this.buckets.size - MAX_CLIENTS + 1;
    let dropped = 0;
    for (const client of this.buckets.keys()) {
      if (dropped >= excess) break;
      this.buckets.delete(client);
      dropped += 1;
    }
  }
}
