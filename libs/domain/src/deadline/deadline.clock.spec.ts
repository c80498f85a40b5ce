import { domainErrorCodeOf } from '../errors/domain-error.fixture';
import { NATIONAL_POLICY, secondsPolicy } from '../referral/referral.fixture';
import { DeadlineClock } from './deadline.clock';

const clock = new DeadlineClock(NATIONAL_POLICY);
const at = (iso: string) => Date.parse(iso);


describe('DeadlineClock with the national policy', () => {
  it('gives the loket 5 werkdagen for the toewijzing, due at the end of the fifth werkdag', () => {
    // Monday 23 November 2026: Tue 24 … Mon 30 November is the fifth werkdag.
    const deadline = clock.open('toewijzing', 1, at('2026-11-23T09:00:00+01:00'));
    expect(deadline).toMatchObject({ id: 'toewijzing-1', level: 0, reminded: false, extensions: 0 });
    expect(deadline.dueAt).toBe('2026-11-30T23:00:00.000Z');
    // One werkdag before: the start of Friday 27 November.
    expect(clock.remindAt(deadline)).toBe(at('2026-11-26T23:00:00Z'));
    // Level 2 five werkdagen after the due date: Monday 7 December.
    expect(clock.escalationAt(deadline, 1)).toBe(at('2026-11-30T23:00:00Z'));
    expect(clock.escalationAt(deadline, 2)).toBe(at('2026-12-07T23:00:00Z'));
  });

  it('skips Kerst and the weekend when counting werkdagen', () => {
    // Wed 23 Dec 2026: Thu 24 (1), Fri 25 Eerste Kerstdag, Sat, Sun, Mon 28 (2), Tue 29 (3), Wed 30 (4), Thu 31 (5).
    const deadline = clock.open('toewijzing', 1, at('2026-12-23T10:00:00+01:00'));
    expect(deadline.dueAt).toBe('2026-12-31T23:00:00.000Z');
  });

  it('counts zorgplicht in calendar weeks and moves an end on a Saturday to the next werkdag (Atw art. 1)', () => {
    // Received Saturday 21 Nov 2026: six weeks end Saturday 2 Jan 2027 → Monday 4 Jan 2027.
    const deadline = clock.open('zorgplicht', 1, at('2026-11-21T12:00:00+01:00'));
    expect(deadline.dueAt).toBe('2027-01-04T23:00:00.000Z');
  });

  it('allows the zorgplicht term one extension of at most 4 weeks and refuses a second', () => {
    const deadline = clock.open('zorgplicht', 1, at('2026-11-23T09:00:00+01:00'));
    expect(domainErrorCodeOf(() => clock.checkExtension(deadline, { amount: 5, unit: 'weken' }))).toBe('DEADLINE_RULE');
    const before = deadline.dueAt;
    clock.extend(deadline, { amount: 4, unit: 'weken' });
    expect(Date.parse(deadline.dueAt) - Date.parse(before)).toBeGreaterThanOrEqual(28 * 86_400_000 - 3_600_000);
    expect(deadline.extensions).toBe(1);
    expect(domainErrorCodeOf(() => clock.extend(deadline, { amount: 1, unit: 'weken' }))).toBe('DEADLINE_RULE');
  });

  it('refuses to extend a term whose rule allows no extension', () => {
    const deadline = clock.open('toewijzing', 1, at('2026-11-23T09:00:00+01:00'));
    expect(domainErrorCodeOf(() => clock.extend(deadline, { amount: 1, unit: 'werkdagen' }))).toBe('DEADLINE_RULE');
  });

  it('climbs the thuiszitter ladder at 4 weeks, 8 weeks and 13 weeks from the first day at home', () => {
    const deadline = clock.open('thuiszitter', 1, at('2026-09-01T00:00:00+02:00'));
    const effects = clock.fire(deadline, at('2026-12-31T12:00:00+01:00'));
    expect(effects.map((e) => [e.kind, e.level])).toEqual([
      ['escalation', 1],
      ['escalation', 2],
      ['escalation', 3],
    ]);
    expect(effects[2]?.recipients.map((r) => r.role)).toEqual(['gemeente', 'leerplicht']);
    expect(clock.nextAt(deadline)).toBeUndefined();
  });
});

describe('DeadlineClock with a policy in seconds', () => {
  const seconds = new DeadlineClock(secondsPolicy(4, 2, 2));
  const opened = at('2026-11-23T09:00:00Z');

  it('wakes for the reminder first, then each level', () => {
    const deadline = seconds.open('toewijzing', 1, opened);
    expect(seconds.nextAt(deadline)).toBe(opened + 2_000);
    expect(seconds.fire(deadline, opened + 2_000).map((e) => e.kind)).toEqual(['reminder']);
    expect(seconds.nextAt(deadline)).toBe(opened + 4_000);
    expect(seconds.isOverdue(deadline, opened + 3_999)).toBe(false);
    expect(seconds.fire(deadline, opened + 4_000).map((e) => e.level)).toEqual([1]);
    expect(seconds.isOverdue(deadline, opened + 4_000)).toBe(true);
    expect(seconds.fire(deadline, opened + 8_000).map((e) => e.level)).toEqual([2, 3]);
  });

  it('sends no reminder once the due date has passed', () => {
    const deadline = seconds.open('toewijzing', 1, opened);
    expect(seconds.fire(deadline, opened + 4_500).map((e) => e.kind)).toEqual(['escalation']);
  });

  it('stops while paused and moves the due date by exactly the time paused', () => {
    const deadline = seconds.open('toewijzing', 1, opened);
    seconds.pause(deadline, 'wacht op documenten', opened + 1_000);
    expect(seconds.nextAt(deadline)).toBeUndefined();
    expect(seconds.fire(deadline, opened + 10_000)).toEqual([]);
    expect(domainErrorCodeOf(() => seconds.pause(deadline, 'nogmaals', opened + 10_000))).toBe('STAGE_CONFLICT');
    expect(seconds.resume(deadline, opened + 11_000)).toBe(10_000);
    expect(deadline.dueAt).toBe(new Date(opened + 14_000).toISOString());
  });
});
