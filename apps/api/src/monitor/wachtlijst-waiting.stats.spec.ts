import { coveredDays, percentile, waitingFigures, type WaitingCase } from './wachtlijst-waiting.stats';

const NOW = new Date('2026-06-30T10:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);
const waiting = (days: number, extra: Partial<WaitingCase> = {}): WaitingCase => ({ waitingSince: daysAgo(days), normDueAt: null, overbrugging: [], ...extra });

describe('percentile (nearest rank)', () => {
  it('is null without values and a value that occurs otherwise', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4, 5], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90)).toBe(10);
  });
});

describe('coveredDays', () => {
  it('clips periods to the wait, counts a running one to now, and counts overlaps once', () => {
    const since = daysAgo(30).getTime();
    const at = NOW.getTime();
    expect(coveredDays(since, at, [])).toBe(0);
    expect(coveredDays(since, at, [{ from: daysAgo(40).toISOString(), until: daysAgo(20).toISOString() }])).toBe(10);
    expect(coveredDays(since, at, [{ from: daysAgo(5).toISOString() }])).toBe(5);
    expect(coveredDays(since, at, [{ from: daysAgo(20).toISOString(), until: daysAgo(10).toISOString() }, { from: daysAgo(15).toISOString(), until: daysAgo(5).toISOString() }])).toBe(15);
  });
});

describe('waitingFigures', () => {
  it('is zeros and nulls for an empty list', () => {
    expect(waitingFigures([], NOW)).toEqual({
      waiting: 0,
      waitingWithoutOverbrugging: 0,
      bruto: { median: null, p90: null, longest: null },
      netto: { median: null, p90: null, longest: null },
      overNorm: null,
    });
  });

  it('counts bruto from waitingSince and netto without the days covered by overbrugging', () => {
    const cases = [
      waiting(10),
      waiting(20, { overbrugging: [{ from: daysAgo(20).toISOString() }] }),
      waiting(30, { overbrugging: [{ from: daysAgo(30).toISOString(), until: daysAgo(10).toISOString() }] }),
      waiting(100, { normDueAt: daysAgo(37) }),
      waiting(70, { normDueAt: daysAgo(-5) }),
    ];
    const figures = waitingFigures(cases, NOW);
    expect(figures.waiting).toBe(5);
    // The running overbrugging of the 20-day case takes it out of the historical netto count.
    expect(figures.waitingWithoutOverbrugging).toBe(4);
    // bruto 10, 20, 30, 70, 100; netto 10, 0, 10, 70, 100
    expect(figures.bruto).toEqual({ median: 30, p90: 100, longest: 100 });
    expect(figures.netto).toEqual({ median: 10, p90: 100, longest: 100 });
    expect(figures.overNorm).toBe(0.2);
  });

  it('counts whole days on the Dutch calendar', () => {
    // 23:30 UTC on 29 June is 01:30 on 30 June in Amsterdam: the same day as NOW.
    expect(waitingFigures([{ waitingSince: new Date('2026-06-29T23:30:00Z'), normDueAt: null, overbrugging: [] }], NOW).bruto.longest).toBe(0);
    expect(waitingFigures([{ waitingSince: new Date('2026-06-29T21:30:00Z'), normDueAt: null, overbrugging: [] }], NOW).bruto.longest).toBe(1);
  });
});
