import { domainErrorCodeOf } from '../errors/domain-error.fixture';
import { applyAtw } from './algemene-termijnenwet.rule';


describe('applyAtw (Algemene termijnenwet arts. 1 and 2 — CALENDAR.md §4)', () => {
  it('leaves a term that ends on a werkdag and holds two werkdagen', () => {
    expect(applyAtw('2025-11-04', '2025-12-15')).toBe('2025-12-15');
  });

  it('moves an end on a Saturday to the Monday (art. 1 lid 1)', () => {
    // Six weeks from Sat 21 Nov 2026: first day Sun 22 Nov, nominal end Sat 2 Jan 2027 → Mon 4 Jan.
    expect(applyAtw('2026-11-22', '2027-01-02')).toBe('2027-01-04');
  });

  it('moves an end on Tweede Kerstdag past the weekend (CALENDAR.md §4 worked example [D])', () => {
    // 3-day term from Wed 2025-12-24: ends Fri 12-26 (feestdag) → Mon 2025-12-29 (holds 12-24 and 12-29).
    expect(applyAtw('2025-12-24', '2025-12-26')).toBe('2025-12-29');
  });

  it('extends a term of at least three days until it holds two werkdagen (art. 2)', () => {
    // 3 days from Fri 25 Dec 2026: 25 (Kerst), 26, 27 → art. 1 → Mon 28 holds only one werkdag → art. 2 → Tue 29.
    expect(applyAtw('2026-12-25', '2026-12-27')).toBe('2026-12-29');
    // A 2-day term is under art. 2's threshold: art. 1 alone gives Mon 28.
    expect(applyAtw('2026-12-25', '2026-12-26')).toBe('2026-12-28');
    // The stated length decides art. 2: a term of 1 (werk)dag spanning a weekend is not "at least three days".
    expect(applyAtw('2026-12-26', '2026-12-28', 1)).toBe('2026-12-28');
  });

  it('passes Hemelvaart and the gelijkgestelde Friday after it (CALENDAR.md §4 worked example [D])', () => {
    // 3-day term from Thu 2026-05-14: nominal end Sat 05-16 → art. 1 → Mon 05-18 (one werkdag) → art. 2 → Tue 2026-05-19.
    expect(applyAtw('2026-05-14', '2026-05-16')).toBe('2026-05-19');
  });

  it('refuses an end before the first day, and a day outside the decree data', () => {
    expect(domainErrorCodeOf(() => applyAtw('2026-05-14', '2026-05-13'))).toBe('VALIDATION_FAILED');
    // Sat 30 Dec 2028 → the next werkdag would lie in 2029, whose gelijkgestelde dagen are unknown.
    expect(domainErrorCodeOf(() => applyAtw('2028-12-20', '2028-12-30'))).toBe('CALENDAR_OUT_OF_RANGE');
  });
});
