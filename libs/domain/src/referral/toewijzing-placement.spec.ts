import { domainErrorCodeOf } from '../errors/domain-error.fixture';
import { DomainError } from '../errors/domain-error';
import { LOKET, NATIONAL_POLICY, SCHOOL, startReferralBody, toewijzingBody } from './referral.fixture';
import { ReferralMachine } from './referral.machine';
import { toewijzingPlacement } from './toewijzing-placement.fixture';
import type { ToewijzingPlacement } from './toewijzing-placement';

const NOW = new Date('2026-11-23T09:00:00Z');
const AANBOD = '7d1a4c2e-0000-4000-8000-00000000a1b0';

function awaitingToewijzing(): ReferralMachine {
  const machine = ReferralMachine.submit('6f1c1d1e-0000-4000-8000-0000000000a1', 'swv-2801', SCHOOL, startReferralBody(), NOW, NATIONAL_POLICY, 'req-1');
  machine.requestToewijzing(NOW);
  return machine;
}

const toewijzing = (placement: ToewijzingPlacement | undefined, outcome?: ToewijzingPlacement['outcome']) => ({
  actor: LOKET,
  body: toewijzingBody({ providerId: undefined, aanbodId: AANBOD }),
  ...(placement === undefined ? {} : { placement: outcome === undefined ? placement : { ...placement, outcome } }),
});

const admission = (admissionId = `${AANBOD}-toelating-1`, aanbodId = AANBOD) => ({
  admissionId,
  aanbodId,
  referralId: '6f1c1d1e-0000-4000-8000-0000000000a1',
  decidedAt: NOW.toISOString(),
  waitingSince: NOW.toISOString(),
  overbrugging: false,
});

describe('a toewijzing to an aanbod (issue 11 §2)', () => {
  it('refuses an aanbod that does not fit with AANBOD_MISFIT, one issue per reason, each naming aanbodId', () => {
    const machine = awaitingToewijzing();
    const misfit = toewijzingPlacement(AANBOD, 3, 0, { route: 'onderwijs', region: 'swv-3000', ages: { from: 12, to: 18 } });
    let error: unknown;
    try {
      machine.check('toewijzing', toewijzing(misfit));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('AANBOD_MISFIT');
    expect((error as DomainError).issues.map((i) => [i.field, i.message.split(':')[0]])).toEqual([
      ['aanbodId', 'route'],
      ['aanbodId', 'region'],
      ['aanbodId', 'age'],
    ]);
  });

  it('does not judge the age when no date of birth is recorded, and refuses a step without the looked-up aanbod', () => {
    const machine = awaitingToewijzing();
    expect(() => machine.check('toewijzing', toewijzing({ ...toewijzingPlacement(AANBOD, 1, 0, { ages: { from: 14, to: 18 } }), ageInYears: null }))).not.toThrow();
    expect(domainErrorCodeOf(() => machine.check('toewijzing', toewijzing(undefined)))).toBe('VALIDATION_FAILED');
    expect(domainErrorCodeOf(() => machine.check('toewijzing', toewijzing(toewijzingPlacement('7d1a4c2e-0000-4000-8000-00000000ffff', 1, 0))))).toBe('VALIDATION_FAILED');
  });

  it('waits in wacht_op_plaats when the list queues the case, and moves on once when admitted', () => {
    const machine = awaitingToewijzing();
    machine.apply('toewijzing', toewijzing(toewijzingPlacement(AANBOD, 1, 1), { status: 'wachtend', position: 2 }), NOW);
    expect(machine.state.stage).toBe('wacht_op_plaats');
    expect(machine.state.toewijzingen[0]).toMatchObject({ providerId: 'zorg-42', place: { aanbodId: AANBOD, status: 'wachtend' } });
    expect(machine.events.slice(-2).map((e) => [e.type, e.stage])).toEqual([
      ['toewijzing.made', 'wacht_op_plaats'],
      ['wachtlijst.joined', 'wacht_op_plaats'],
    ]);
    expect(machine.summary().stage).toBe('wacht_op_plaats');
    expect(domainErrorCodeOf(() => machine.admit(admission('x', '7d1a4c2e-0000-4000-8000-00000000ffff'), NOW))).toBe('STAGE_CONFLICT');

    machine.admit(admission(), NOW);
    expect(machine.state.stage).toBe('arrangement');
    expect(machine.events.at(-1)).toMatchObject({ type: 'wachtlijst.admitted', stage: 'arrangement' });
    const version = machine.state.version;
    machine.admit(admission(), NOW);
    expect(machine.state.version).toBe(version);
  });

  it('takes a free place at once, and a closed case refuses an admission (the list reads it as gone)', () => {
    const machine = awaitingToewijzing();
    machine.apply('toewijzing', toewijzing(toewijzingPlacement(AANBOD, 2, 0), { status: 'toegelaten', admissionId: 'a-1' }), NOW);
    expect(machine.state.stage).toBe('arrangement');
    expect(machine.events.map((e) => e.type)).not.toContain('wachtlijst.joined');
    machine.admit(admission('a-1'), NOW);
    expect(machine.state.stage).toBe('arrangement');
    machine.apply('withdraw', { actor: SCHOOL, body: { reason: 'Verhuisd' } }, NOW);
    machine.placeReleased('ingetrokken', NOW);
    expect(machine.place).toBeUndefined();
    expect(machine.events.at(-1)).toMatchObject({ type: 'wachtlijst.left', data: { aanbodId: AANBOD, was: 'toegelaten', reason: 'ingetrokken' } });
    expect(domainErrorCodeOf(() => machine.admit(admission('a-2'), NOW))).toBe('STAGE_CONFLICT');
  });
});
