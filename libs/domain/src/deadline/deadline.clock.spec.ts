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

describe('DeadlineClock.openAnchored (a term due a lead before a fixed moment)', () => {
  const opened = at('2027-01-18T09:00:00Z');

  it('makes the overstap due at the end of the tenth werkdag before a Monday start', () => {
    // Start Monday 30 August 2027, 00:00 Amsterdam: Friday 27 August is the first werkdag before, Monday 16 August the tenth.
    const deadline = clock.openAnchored('overstapBevestiging', 3, opened, at('2027-08-29T22:00:00Z'));
    expect(deadline).toEqual({ id: 'overstapBevestiging-3', rule: 'overstapBevestiging', openedAt: '2027-01-18T09:00:00.000Z', dueAt: '2027-08-16T22:00:00.000Z', level: 0, reminded: false, extensions: 0 });
    // The reminder five werkdagen earlier: the start of Monday 9 August.
    expect(clock.remindAt(deadline)).toBe(at('2027-08-08T22:00:00Z'));
  });

  it('moves with the start day: a Tuesday start is due on the tenth werkdag before that Tuesday', () => {
    // Start Tuesday 31 August 2027: Monday 30 August is the first werkdag before, Tuesday 17 August the tenth.
    expect(clock.openAnchored('overstapBevestiging', 1, opened, at('2027-08-30T22:00:00Z')).dueAt).toBe('2027-08-17T22:00:00.000Z');
  });

  it('skips feestdagen counting back: Pinkstermaandag 2027 is no werkdag', () => {
    // Start Monday 31 May 2027: 28, 27, 26, 25, 24, 21, 20, 19, 18 May, then 17 May (Pinkstermaandag) is skipped: 14 May.
    expect(clock.openAnchored('overstapBevestiging', 1, opened, at('2027-05-30T22:00:00Z')).dueAt).toBe('2027-05-14T22:00:00.000Z');
  });

  it('makes a term of 0 days due at the anchor itself, with its reminder before it', () => {
    // geldigTot 31 July 2029: due at its end; the re-assessment reminder 13 weeks earlier, at the start of 1 May 2029.
    const herbeoordeling = clock.openAnchored('tlvHerbeoordeling', 1, opened, at('2029-07-31T22:00:00Z'));
    expect(herbeoordeling.dueAt).toBe('2029-07-31T22:00:00.000Z');
    expect(clock.remindAt(herbeoordeling)).toBe(at('2029-04-30T22:00:00Z'));
    // 1 April (toelatingsrecht mbo): due at its end; the reminder 4 weeks earlier, at the start of 4 March (winter time).
    const mbo = clock.openAnchored('mboAanmelding', 1, opened, at('2027-04-01T22:00:00Z'));
    expect(mbo.dueAt).toBe('2027-04-01T22:00:00.000Z');
    expect(clock.remindAt(mbo)).toBe(at('2027-03-03T23:00:00Z'));
  });

  it('counts a lead in seconds back from the exact anchor', () => {
    const seconds = new DeadlineClock(secondsPolicy(4, 2, 2));
    const anchor = at('2027-01-18T09:01:00Z');
    expect(seconds.openAnchored('tlvBesluit', 1, opened, anchor).dueAt).toBe(new Date(anchor - 4_000).toISOString());
    expect(seconds.openAnchored('overstapBevestiging', 1, opened, anchor).dueAt).toBe(new Date(anchor).toISOString());
  });

  it('escalates an anchored term like any other, from its due moment', () => {
    const deadline = clock.openAnchored('overstapBevestiging', 1, opened, at('2027-08-29T22:00:00Z'));
    expect(clock.escalationAt(deadline, 1)).toBe(at('2027-08-16T22:00:00Z'));
    expect(clock.escalationAt(deadline, 2)).toBe(at('2027-08-23T22:00:00Z'));
    expect(clock.escalationAt(deadline, 3)).toBe(at('2027-08-30T22:00:00Z'));
    expect(clock.escalationAt(deadline, 4)).toBe(Number.POSITIVE_INFINITY);
  });
});
