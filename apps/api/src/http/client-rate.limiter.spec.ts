import { ClientRateLimiter } from './client-rate.limiter';

describe('ClientRateLimiter', () => {
  let now: number;
  const clock = (): number => now;

  beforeEach(() => {
    now = 1_000_000;
  });

  it('allows a burst of perMinute requests, then refuses with the seconds until the next one', () => {
    const limiter = new ClientRateLimiter(6, clock);
    for (let i = 0; i < 6; i += 1) expect(limiter.take('a')).toEqual({ allowed: true });
    // 6 a minute refills one every 10 s.
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 10 });
    now += 4_000;
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 6 });
    now += 6_000;
    expect(limiter.take('a')).toEqual({ allowed: true });
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 10 });
  });

  it('keeps a budget per client', () => {
    const limiter = new ClientRateLimiter(1, clock);
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
    expect(limiter.take('b').allowed).toBe(true);
  });

  it('never refills beyond perMinute, however long a client was idle', () => {
    const limiter = new ClientRateLimiter(2, clock);
    limiter.take('a');
    now += 3_600_000;
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')].map((d) => d.allowed)).toEqual([true, true, false]);
  });

  it('remembers a bounded number of clients, forgetting idle ones first', () => {
    const limiter = new ClientRateLimiter(1, clock);
    limiter.take('busy');
    for (let i = 0; i < 60_000; i += 1) limiter.take(`ip-${i}`);
    expect(limiter.size).toBeLessThanOrEqual(50_000);
  });

  it('refuses a limit that is not a positive whole number (0 means "no limiter", decided by its caller)', () => {
    expect(() => new ClientRateLimiter(0)).toThrow(/positive integer/);
  });
});
