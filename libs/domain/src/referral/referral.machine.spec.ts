import { domainErrorCodeOf } from '../errors/domain-error.fixture';
import { DomainError, type DomainErrorCode } from '../errors/domain-error';
import { ReferralMachine, type ReferralStep } from './referral.machine';
import {
  arrangementBody,
  HAPPY_PATH_EVENT_TYPES,
  LOKET,
  NATIONAL_POLICY,
  secondsPolicy,
  OTHER_LOKET,
  OTHER_REGISSEUR,
  OTHER_SCHOOL,
  PROVIDER,
  REGISSEUR,
  SCHOOL,
  startReferralBody,
  toewijzingBody,
} from './referral.fixture';
import type { Actor } from '../actor/actor';

const NOW = new Date('2026-11-23T09:00:00Z');
const LATER = new Date('2026-11-24T09:00:00Z');

function submitted(): ReferralMachine {
  const machine = ReferralMachine.submit('6f1c1d1e-0000-4000-8000-000000000001', 'swv-2801', SCHOOL, startReferralBody(), NOW, NATIONAL_POLICY, 'req-1');
  machine.requestToewijzing(NOW);
  return machine;
}


function step(machine: ReferralMachine, name: ReferralStep, actor: Actor, body: unknown): void {
  machine.apply(name, { actor, body, requestId: `req-${name}` }, LATER);
}

function approved(): ReferralMachine {
  const machine = submitted();
  step(machine, 'toewijzing', LOKET, toewijzingBody());
  step(machine, 'arrangement', SCHOOL, arrangementBody('2027-03-01'));
  step(machine, 'approve', REGISSEUR, {});
  return machine;
}

describe('ReferralMachine', () => {
  it('starts in gesignaleerd and awaits the toewijzing once the intake is recorded', () => {
    const machine = ReferralMachine.submit('6f1c1d1e-0000-4000-8000-000000000001', 'swv-2801', SCHOOL, startReferralBody(), NOW, NATIONAL_POLICY);
    expect(machine.state.stage).toBe('gesignaleerd');
    machine.requestToewijzing(NOW);
    expect(machine.state.stage).toBe('toewijzing');
    expect(machine.events.map((e) => e.type)).toEqual(['referral.submitted', 'toewijzing.requested']);
  });

  it('refuses a referral from anyone but the school itself', () => {
    expect(domainErrorCodeOf(() => ReferralMachine.submit('id', 'r', LOKET, startReferralBody(), NOW, NATIONAL_POLICY))).toBe('FORBIDDEN');
    expect(domainErrorCodeOf(() => ReferralMachine.submit('id', 'r', OTHER_SCHOOL, startReferralBody(), NOW, NATIONAL_POLICY))).toBe('FORBIDDEN');
  });

  it('refuses a thuiszitter date in the future', () => {
    const body = startReferralBody({ thuiszitter: { isThuiszitter: true, since: '2026-12-01' } });
    expect(domainErrorCodeOf(() => ReferralMachine.submit('id', 'r', SCHOOL, body, NOW, NATIONAL_POLICY))).toBe('VALIDATION_FAILED');
  });

  it('runs the whole happy path to afgesloten with every step on the timeline', () => {
    const machine = approved();
    expect(machine.state.stage).toBe('uitvoering');
    expect(machine.state.evaluationDueAt).toBe('2027-02-28T23:00:00.000Z');
    machine.evaluationDue(LATER);
    expect(machine.state.stage).toBe('evaluatie');
    step(machine, 'evaluate', REGISSEUR, { outcome: 'afsluiten', summary: 'Doelen behaald.' });
    expect(machine.state.stage).toBe('afgesloten');
    expect(machine.state.closedAt).toBe(LATER.toISOString());
    expect(machine.isOpen).toBe(false);
    expect(machine.events.map((e) => e.type)).toEqual(HAPPY_PATH_EVENT_TYPES);
    expect(machine.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(machine.events[4]).toMatchObject({ actor: { sub: REGISSEUR.sub, role: 'regisseur' }, requestId: 'req-approve' });
  });

  it('lets a provider named in the toewijzing draft the arrangement, and no other provider', () => {
    const machine = submitted();
    step(machine, 'toewijzing', LOKET, toewijzingBody());
    expect(domainErrorCodeOf(() => machine.check('arrangement', { actor: { ...PROVIDER, org: 'zorg-99' }, body: arrangementBody('2027-03-01') }))).toBe('NOT_FOUND');
    step(machine, 'arrangement', PROVIDER, arrangementBody('2027-03-01'));
    expect(machine.arrangementStatus).toBe('ter_goedkeuring');
  });

  it('sends a rejected arrangement back to concept, and the redraft replaces it', () => {
    const machine = submitted();
    step(machine, 'toewijzing', LOKET, toewijzingBody());
    step(machine, 'arrangement', SCHOOL, arrangementBody('2027-03-01'));
    step(machine, 'reject', REGISSEUR, { reason: 'Doelen niet meetbaar' });
    expect(machine.state.stage).toBe('arrangement');
    expect(machine.arrangementStatus).toBe('concept');
    step(machine, 'arrangement', SCHOOL, arrangementBody('2027-03-01', { goals: ['Meetbaar doel'] }));
    expect(machine.state.arrangements.map((a) => a.status)).toEqual(['vervangen', 'ter_goedkeuring']);
    step(machine, 'approve', REGISSEUR, { note: 'Akkoord met ouders besproken' });
    expect(machine.state.stage).toBe('uitvoering');
  });

  it('verlengen keeps the arrangement running with a new end and evaluation date', () => {
    const machine = approved();
    step(machine, 'evaluate', REGISSEUR, { outcome: 'verlengen', summary: 'Goede voortgang', endDate: '2027-12-31', evaluationDate: '2027-10-01' });
    expect(machine.state.stage).toBe('uitvoering');
    expect(machine.arrangement).toMatchObject({ endDate: '2027-12-31', evaluationDate: '2027-10-01', status: 'goedgekeurd' });
    expect(machine.state.evaluationDueAt).toBe('2027-09-30T22:00:00.000Z');
  });

  it('bijstellen goes back to a new arrangement, opschalen back to toewijzing', () => {
    const adjusted = approved();
    step(adjusted, 'evaluate', REGISSEUR, { outcome: 'bijstellen', summary: 'Andere aanpak nodig' });
    expect(adjusted.state.stage).toBe('arrangement');
    expect(adjusted.arrangementStatus).toBe('concept');

    const scaledUp = approved();
    step(scaledUp, 'evaluate', REGISSEUR, { outcome: 'opschalen', summary: 'Zwaardere ondersteuning nodig' });
    expect(scaledUp.state.stage).toBe('toewijzing');
    step(scaledUp, 'toewijzing', LOKET, toewijzingBody({ route: 'jeugdhulp', providerId: 'zorg-77' }));
    expect(scaledUp.scope.providerId).toBe('zorg-77');
    expect(scaledUp.state.toewijzingen).toHaveLength(2);
  });

  it('withdraws from any open stage and refuses every step afterwards', () => {
    const machine = submitted();
    step(machine, 'withdraw', SCHOOL, { reason: 'Ouders verhuizen' });
    expect(machine.state.stage).toBe('ingetrokken');
    expect(domainErrorCodeOf(() => machine.check('withdraw', { actor: SCHOOL, body: { reason: 'x' } }))).toBe('STAGE_CONFLICT');
    expect(domainErrorCodeOf(() => machine.check('toewijzing', { actor: LOKET, body: toewijzingBody() }))).toBe('STAGE_CONFLICT');
  });

  describe('refuses in a fixed order: scope (404), role (403), stage (409), body (400)', () => {
    it.each<[string, Actor, ReferralStep, unknown, DomainErrorCode]>([
      ['a loket of another region', OTHER_LOKET, 'toewijzing', toewijzingBody(), 'NOT_FOUND'],
      ['another school', OTHER_SCHOOL, 'withdraw', { reason: 'x' }, 'NOT_FOUND'],
      ['the school doing the loket\'s toewijzing', SCHOOL, 'toewijzing', toewijzingBody(), 'FORBIDDEN'],
      ['an arrangement before the toewijzing', SCHOOL, 'arrangement', arrangementBody('2027-03-01'), 'STAGE_CONFLICT'],
      ['a toewijzing without regisseur', LOKET, 'toewijzing', { route: 'onderwijs' }, 'VALIDATION_FAILED'],
      ['a jeugdhulp toewijzing without provider', LOKET, 'toewijzing', { route: 'jeugdhulp', regisseurId: 'r' }, 'VALIDATION_FAILED'],
    ])('%s', (_name, actor, name, body, code) => {
      const machine = submitted();
      const before = JSON.stringify(machine.state);
      expect(domainErrorCodeOf(() => machine.apply(name, { actor, body }, LATER))).toBe(code);
      expect(JSON.stringify(machine.state)).toBe(before);
    });

    it('only the assigned regisseur approves; a regional colleague gets NOT_ASSIGNED_REGISSEUR', () => {
      const machine = submitted();
      step(machine, 'toewijzing', LOKET, toewijzingBody());
      step(machine, 'arrangement', SCHOOL, arrangementBody('2027-03-01'));
      expect(domainErrorCodeOf(() => machine.check('approve', { actor: OTHER_REGISSEUR, body: {} }))).toBe('NOT_ASSIGNED_REGISSEUR');
      expect(domainErrorCodeOf(() => machine.check('approve', { actor: { ...OTHER_REGISSEUR, region: 'elders' }, body: {} }))).toBe('NOT_FOUND');
      expect(domainErrorCodeOf(() => machine.check('approve', { actor: SCHOOL, body: {} }))).toBe('FORBIDDEN');
      expect(domainErrorCodeOf(() => machine.check('approve', { actor: REGISSEUR, body: {} }))).toBeUndefined();
    });
  });

  it('names each bad field of an arrangement', () => {
    const machine = submitted();
    step(machine, 'toewijzing', LOKET, toewijzingBody());
    try {
      machine.check('arrangement', { actor: SCHOOL, body: { ...arrangementBody('2027-09-01'), goals: [], endDate: '2026-01-01', extra: 1 } });
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      const fields = (error as DomainError).issues.map((i) => i.field);
      expect(fields).toEqual(expect.arrayContaining(['goals', '(body)']));
    }
  });

  it('projects a summary with scope fields and no content', () => {
    const machine = approved();
    const summary = machine.summary();
    expect(summary).toMatchObject({ stage: 'uitvoering', arrangementStatus: 'goedgekeurd', regisseurId: REGISSEUR.sub, providerId: 'zorg-42', route: 'gecombineerd', schoolBrin: '12AB', version: 5 });
    expect(JSON.stringify(summary)).not.toContain('Trekt zich terug');
  });

  describe('deadlines', () => {
    const T0 = new Date('2026-11-23T09:00:00Z');
    const later = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

    function onSeconds(body = startReferralBody()): ReferralMachine {
      const machine = ReferralMachine.submit('6f1c1d1e-0000-4000-8000-000000000002', 'swv-2801', SCHOOL, body, T0, secondsPolicy(4, 2, 2));
      machine.requestToewijzing(T0);
      return machine;
    }

    it('opens the toewijzing term at the intake and closes it with the toewijzing', () => {
      const machine = onSeconds();
      expect(machine.state.policyVersion).toBe('2026.1-test');
      expect(machine.openDeadlines.map((d) => d.id)).toEqual(['toewijzing-1']);
      expect(machine.nextWakeAt()).toBe(T0.getTime() + 2_000);
      machine.apply('toewijzing', { actor: LOKET, body: toewijzingBody() }, later(1));
      expect(machine.openDeadlines).toEqual([]);
      expect(machine.nextWakeAt()).toBeUndefined();
    });

    it('turns passing moments into timeline events and notices for resolved addressees', () => {
      const machine = onSeconds();
      machine.tick(later(2));
      machine.tick(later(6));
      expect(machine.events.slice(2).map((e) => [e.type, e.data['level']])).toEqual([
        ['deadline.reminder', 0],
        ['deadline.escalated', 1],
        ['deadline.escalated', 2],
      ]);
      expect(machine.takeNotices().map((n) => [n.kind, n.level, n.recipient])).toEqual([
        ['reminder', 0, { role: 'loket', region: 'swv-2801' }],
        ['escalation', 1, { role: 'loket', region: 'swv-2801' }],
        ['escalation', 2, { role: 'gemeente', region: 'swv-2801' }],
      ]);
      expect(machine.takeNotices()).toEqual([]);
      expect(machine.summary()).toMatchObject({ escalationLevel: 2, overdueSince: later(4).toISOString(), nextDueAt: later(4).toISOString() });
    });

    it('reports a thuiszitter once: leerplicht is told at once and the ladder starts from the first day at home', () => {
      const machine = onSeconds();
      const leerplicht: Actor = { sub: 'lpa-1', role: 'leerplicht', region: 'swv-2801' };
      machine.apply('reportThuiszitter', { actor: leerplicht, body: { since: '2026-11-02', kind: 'langdurig_relatief_verzuim' } }, later(1));
      expect(machine.isThuiszitter).toBe(true);
      expect(machine.summary()).toMatchObject({ thuiszitter: true, thuiszitterSince: '2026-11-02' });
      expect(machine.takeNotices()[0]).toMatchObject({ kind: 'thuiszitter', recipient: { role: 'leerplicht', region: 'swv-2801' } });
      expect(machine.openDeadlines.find((d) => d.rule === 'thuiszitter')?.openedAt).toBe('2026-11-01T23:00:00.000Z');
      expect(domainErrorCodeOf(() => machine.check('reportThuiszitter', { actor: leerplicht, body: { since: '2026-11-02', kind: 'absoluut_verzuim' } }))).toBe('STAGE_CONFLICT');
      expect(domainErrorCodeOf(() => machine.check('reportThuiszitter', { actor: { ...leerplicht, region: 'elders' }, body: { since: '2026-11-02', kind: 'absoluut_verzuim' } }))).toBe('NOT_FOUND');
    });

    it('lets the loket pause, resume and extend its term, names a missing deadline, and closes all terms on withdrawal', () => {
      const machine = onSeconds();
      expect(domainErrorCodeOf(() => machine.check('pauseDeadline', { actor: LOKET, body: { deadlineId: 'opp-1', reason: 'x' } }))).toBe('NOT_FOUND');
      expect(domainErrorCodeOf(() => machine.check('pauseDeadline', { actor: SCHOOL, body: { deadlineId: 'toewijzing-1', reason: 'x' } }))).toBe('FORBIDDEN');
      expect(domainErrorCodeOf(() => machine.check('pauseDeadline', { actor: LOKET, body: { deadlineId: 'toewijzing-1' } }))).toBe('VALIDATION_FAILED');
      machine.apply('pauseDeadline', { actor: LOKET, body: { deadlineId: 'toewijzing-1', reason: 'Wacht op documenten' } }, later(1));
      expect(machine.nextWakeAt()).toBeUndefined();
      expect(domainErrorCodeOf(() => machine.check('pauseDeadline', { actor: LOKET, body: { deadlineId: 'toewijzing-1', reason: 'x' } }))).toBe('STAGE_CONFLICT');
      machine.apply('resumeDeadline', { actor: LOKET, body: { deadlineId: 'toewijzing-1' } }, later(11));
      expect(machine.openDeadlines[0]?.dueAt).toBe(later(14).toISOString());
      machine.apply('extendDeadline', { actor: LOKET, body: { deadlineId: 'toewijzing-1', amount: 10, unit: 'seconden', reason: 'onderzoek' } }, later(12));
      expect(domainErrorCodeOf(() => machine.check('extendDeadline', { actor: LOKET, body: { deadlineId: 'toewijzing-1', amount: 1, unit: 'seconden', reason: 'x' } }))).toBe('DEADLINE_RULE');
      expect(machine.events.map((e) => e.type).slice(-3)).toEqual(['deadline.paused', 'deadline.resumed', 'deadline.extended']);
      machine.apply('withdraw', { actor: SCHOOL, body: { reason: 'Verhuisd' } }, later(13));
      expect(machine.openDeadlines).toEqual([]);
    });
  });

  it('changes nothing when a step fails while it is applied (a due date outside the calendar data)', () => {
    // Werkdagen are known for 2024-2028 only; an approval term opened in 2029 cannot be computed.
    const machine = ReferralMachine.submit('6f1c1d1e-0000-4000-8000-000000000003', 'swv-2801', SCHOOL, startReferralBody(), NOW, NATIONAL_POLICY);
    machine.requestToewijzing(NOW);
    machine.apply('toewijzing', { actor: LOKET, body: toewijzingBody() }, NOW);
    const before = JSON.stringify(machine.state);
    const events = machine.events.length;
    const in2029 = new Date('2029-03-01T09:00:00Z');
    expect(domainErrorCodeOf(() => machine.apply('arrangement', { actor: SCHOOL, body: arrangementBody('2029-06-01', { startDate: '2029-03-01', endDate: '2029-12-31' }) }, in2029))).toBe('CALENDAR_OUT_OF_RANGE');
    expect(JSON.stringify(machine.state)).toBe(before);
    expect(machine.events).toHaveLength(events);
  });
});
