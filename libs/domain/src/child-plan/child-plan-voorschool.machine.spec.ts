import { deadlinePolicySchema, resolveDeadlinePolicy } from '../deadline/deadline-policy.schema';
import { NATIONAL_DEADLINE_POLICY } from '../deadline/national-deadline-policy.data';
import { domainErrorCodeOf } from '../errors/domain-error.fixture';
import { LOKET, NATIONAL_POLICY, PROVIDER, REGISSEUR, SCHOOL } from '../referral/referral.fixture';
import { assertMayOnPlan } from './child-plan-access';
import { ChildPlanMachine } from './child-plan.machine';
import { aanmeldingBody, OTHER_VOORSCHOOL, scheduleVoorschoolBody, voorschoolConsentBody, voorschoolOverdrachtBody, VOORSCHOOL, warmeOverdrachtBody } from './child-plan.fixture';
import { at, CHILD_REF, REGION, step } from './child-plan.test-helper';
import { ageFromThirdBirthday, dateAtAge } from './voorschool.rule';

/**
 * The voorschool → PO overstap (issue 11 §5). The toddler is born on Friday 20 February 2023: third birthday
 * Friday 20 February 2026, 3 years 10 months on Sunday 20 December 2026, fourth birthday Saturday 20 February 2027;
 * school starts on Monday 22 February 2027.
 */
const BIRTH_DATE = '2023-02-20';
const START_DATE = '2027-02-22';
const SCHEDULED = at('2026-09-01T08:00:00Z');

function voorschoolPlan(policy = NATIONAL_POLICY, body = scheduleVoorschoolBody(START_DATE)): ChildPlanMachine {
  const machine = ChildPlanMachine.open(CHILD_REF, REGION, at('2026-08-31T08:00:00Z'));
  machine.apply('scheduleVoorschoolTransition', { actor: LOKET, body, policy, birthDate: BIRTH_DATE, requestId: 'req-schedule' }, SCHEDULED);
  return machine;
}

const codeOf = (machine: ChildPlanMachine, name: Parameters<typeof step>[1], actor: typeof LOKET, body: unknown, now: Date) =>
  domainErrorCodeOf(() => step(machine, name, actor, body, now));

describe('voorschool rules: ages from the third birthday', () => {
  it('reaches an age on the same day of the month, or the first day after a shorter month', () => {
    expect(dateAtAge(BIRTH_DATE, { years: 3, months: 0 })).toBe('2026-02-20');
    expect(dateAtAge(BIRTH_DATE, { years: 3, months: 10 })).toBe('2026-12-20');
    expect(dateAtAge('2022-05-31', { years: 3, months: 6 })).toBe('2025-12-01');
    expect(dateAtAge('2020-02-29', { years: 3, months: 0 })).toBe('2023-03-01');
    expect(dateAtAge('2022-03-15', { years: 3, months: 9 })).toBe('2025-12-15');
  });

  it('counts the age in whole years from the third birthday', () => {
    expect(['2026-02-19', '2026-02-20', '2027-02-19', '2027-02-20'].map((on) => ageFromThirdBirthday('2026-02-20', on))).toEqual([0, 3, 3, 4]);
  });
});

describe('ChildPlanMachine: scheduling a voorschool → PO overstap', () => {
  it('opens the overdracht term at the age the national policy sets (3 years 10 months) and tells school and voorschool', () => {
    const machine = voorschoolPlan();
    const t = machine.state.transitions[0];
    expect(t).toMatchObject({ kind: 'voorschool', from: { sector: 'voorschool', org: 'vs-0042' }, to: { sector: 'PO', brin: '12AB' }, zorgplicht: true, needsTlv: false });
    expect(t?.voorschool).toEqual({ veIndicatie: true, supportNeeded: false, thirdBirthday: '2026-02-20', overdrachtDueOn: '2026-12-20' });
    // The date of birth itself stays in the personal details.
    expect(JSON.stringify(machine.state)).not.toContain(BIRTH_DATE);
    expect(machine.openDeadlines().map((d) => [d.rule, d.dueAt])).toEqual([
      ['overstapBevestiging', '2027-02-08T23:00:00.000Z'],
      ['voorschoolOverdracht', '2026-12-20T23:00:00.000Z'],
    ]);
    expect(machine.takeNotices().map((n) => n.recipient)).toEqual([{ role: 'school', org: '12AB' }, { role: 'provider', org: 'vs-0042' }]);
  });

  it('takes the region’s own age from a policy override, and gives an older policy file the national rule', () => {
    const { voorschoolOverdracht: _national, ...olderRules } = NATIONAL_DEADLINE_POLICY.rules;
    const parsed = deadlinePolicySchema.parse({ ...NATIONAL_DEADLINE_POLICY, rules: olderRules, regions: { [REGION]: { rules: { voorschoolOverdracht: { atAge: { years: 3, months: 6 } } } } } });
    expect(resolveDeadlinePolicy(parsed, 'swv-9999').rules.voorschoolOverdracht.atAge).toEqual({ years: 3, months: 10 });
    const machine = voorschoolPlan(resolveDeadlinePolicy(parsed, REGION));
    expect(machine.state.transitions[0]?.voorschool?.overdrachtDueOn).toBe('2026-08-20');
  });

  it('refuses a start before the fourth birthday, a child without a date of birth, and a child already at school', () => {
    expect(domainErrorCodeOf(() => voorschoolPlan(NATIONAL_POLICY, scheduleVoorschoolBody('2027-02-19')))).toBe('VALIDATION_FAILED');
    const plan = ChildPlanMachine.open(CHILD_REF, REGION, SCHEDULED);
    expect(domainErrorCodeOf(() => plan.apply('scheduleVoorschoolTransition', { actor: LOKET, body: scheduleVoorschoolBody(START_DATE), policy: NATIONAL_POLICY }, SCHEDULED))).toBe('STAGE_CONFLICT');
    const once = voorschoolPlan();
    expect(domainErrorCodeOf(() => once.apply('scheduleVoorschoolTransition', { actor: LOKET, body: scheduleVoorschoolBody(START_DATE), policy: NATIONAL_POLICY, birthDate: BIRTH_DATE }, SCHEDULED))).toBe('STAGE_CONFLICT');
    // A voorschool cannot schedule (plan.schedule is the loket's, the regisseur's or a sending school's).
    expect(domainErrorCodeOf(() => plan.check('scheduleVoorschoolTransition', { actor: VOORSCHOOL, body: scheduleVoorschoolBody(START_DATE), policy: NATIONAL_POLICY, birthDate: BIRTH_DATE }, SCHEDULED))).toBe('NOT_FOUND');
  });
});

describe('ChildPlanMachine: aanmelding from the third birthday, zorgplicht from the aanmelding', () => {
  it('refuses an aanmelding before the third birthday (a vooraanmelding has no legal effect)', () => {
    const machine = ChildPlanMachine.open(CHILD_REF, REGION, at('2025-12-01T08:00:00Z'));
    machine.apply('scheduleVoorschoolTransition', { actor: LOKET, body: scheduleVoorschoolBody(START_DATE), policy: NATIONAL_POLICY, birthDate: BIRTH_DATE }, at('2025-12-01T08:00:00Z'));
    expect(codeOf(machine, 'recordAanmelding', SCHOOL, aanmeldingBody('2026-02-19'), at('2026-02-19T09:00:00Z'))).toBe('VALIDATION_FAILED');
    step(machine, 'recordAanmelding', SCHOOL, aanmeldingBody('2026-02-20'), at('2026-02-20T09:00:00Z'));
    // The zorgplicht term of the PO→VO rules: 6 weeks from the aanmelding, Atw (DOMAIN.md §1.1). Six weeks end on
    // Goede Vrijdag 3 April 2026 (gelijkgesteld under the Atw), then the weekend and Tweede Paasdag: Tuesday 7 April.
    expect(machine.openDeadlines().find((d) => d.rule === 'zorgplicht')?.dueAt).toBe('2026-04-07T22:00:00.000Z');
  });
});

describe('ChildPlanMachine: the consent gate of the voorschool overdracht', () => {
  function aangemeld(): ChildPlanMachine {
    const machine = voorschoolPlan();
    step(machine, 'recordAanmelding', SCHOOL, aanmeldingBody('2026-09-07', { supportNeedExpected: false }), at('2026-09-07T08:00:00Z'));
    return machine;
  }

  it('passes only the VE programme and its duration without the parents’ written consent', () => {
    const machine = aangemeld();
    expect(codeOf(machine, 'recordVoorschoolOverdracht', VOORSCHOOL, voorschoolOverdrachtBody('2026-10-01'), at('2026-10-01T08:00:00Z'))).toBe('STAGE_CONFLICT');
    step(machine, 'recordVoorschoolOverdracht', VOORSCHOOL, voorschoolOverdrachtBody('2026-10-01', { documents: [] }), at('2026-10-01T08:00:00Z'));
    expect(machine.state.transitions[0]?.voorschool?.overdracht?.shared).toBe('alleen_ve');
    expect(machine.openDeadlines().map((d) => d.rule)).not.toContain('voorschoolOverdracht');
  });

  it('needs every parent with gezag (the consent rule voorschoolOverdracht), then sends the whole overdracht', () => {
    const machine = aangemeld();
    step(machine, 'recordVoorschoolConsent', VOORSCHOOL, voorschoolConsentBody('2026-09-20', { parentsConsenting: 1 }), at('2026-09-21T08:00:00Z'));
    expect(machine.state.transitions[0]?.voorschool?.consent?.complete).toBe(false);
    expect(codeOf(machine, 'recordVoorschoolOverdracht', VOORSCHOOL, voorschoolOverdrachtBody('2026-10-01'), at('2026-10-01T08:00:00Z'))).toBe('STAGE_CONFLICT');
    // The loket records a paper form signed by both.
    step(machine, 'recordVoorschoolConsent', LOKET, voorschoolConsentBody('2026-09-25', { parentsReaction: 'Wij zien graag een gesprek met de juf.' }), at('2026-09-25T08:00:00Z'));
    step(machine, 'recordVoorschoolOverdracht', VOORSCHOOL, voorschoolOverdrachtBody('2026-10-01'), at('2026-10-01T08:00:00Z'));
    expect(machine.state.transitions[0]?.voorschool?.overdracht?.shared).toBe('volledig');
    expect(machine.events.filter((e) => e.type.startsWith('transition.voorschool')).map((e) => [e.type, e.data['complete'] ?? e.data['shared']])).toEqual([
      ['transition.voorschool_consent', false],
      ['transition.voorschool_consent', true],
      ['transition.voorschool_overdracht', 'volledig'],
    ]);
  });

  it('requires the VE programme for a child with a VE indicatie, and the aanmelding first', () => {
    const early = voorschoolPlan();
    expect(codeOf(early, 'recordVoorschoolOverdracht', VOORSCHOOL, voorschoolOverdrachtBody('2026-09-02', { documents: [] }), at('2026-09-02T08:00:00Z'))).toBe('STAGE_CONFLICT');
    expect(codeOf(aangemeld(), 'recordVoorschoolOverdracht', VOORSCHOOL, voorschoolOverdrachtBody('2026-10-01', { ve: null, documents: [] }), at('2026-10-01T08:00:00Z'))).toBe('VALIDATION_FAILED');
  });

  it('lets only the sending voorschool send it; another provider does not see the plan', () => {
    const machine = aangemeld();
    expect(codeOf(machine, 'recordVoorschoolOverdracht', OTHER_VOORSCHOOL, voorschoolOverdrachtBody('2026-10-01', { documents: [] }), at('2026-10-01T08:00:00Z'))).toBe('NOT_FOUND');
    expect(codeOf(machine, 'recordVoorschoolOverdracht', SCHOOL, voorschoolOverdrachtBody('2026-10-01', { documents: [] }), at('2026-10-01T08:00:00Z'))).toBe('FORBIDDEN');
    expect(codeOf(machine, 'recordAanmelding', VOORSCHOOL, aanmeldingBody('2026-10-01'), at('2026-10-01T08:00:00Z'))).toBe('FORBIDDEN');
    expect(domainErrorCodeOf(() => assertMayOnPlan(VOORSCHOOL, machine.state, 'view'))).toBeUndefined();
    expect(domainErrorCodeOf(() => assertMayOnPlan(PROVIDER, machine.state, 'view'))).toBe('NOT_FOUND');
    expect(codeOf(machine, 'recordOverdracht', VOORSCHOOL, {}, at('2026-10-01T08:00:00Z'))).toBe('FORBIDDEN');
  });
});

describe('ChildPlanMachine: a late voorschool overdracht on the real calendar (national policy)', () => {
  it('reminds the voorschool 4 weeks before, then escalates on werkdagen past Kerst and Nieuwjaarsdag', () => {
    const machine = voorschoolPlan();
    machine.takeNotices();
    const overdracht = () => machine.openDeadlines().find((d) => d.rule === 'voorschoolOverdracht');
    // Reminder at the start of Sunday 22 November 2026, four weeks before the due day.
    const remindAt = Date.parse('2026-11-21T23:00:00Z');
    machine.tick(new Date(remindAt));
    expect(machine.takeNotices().filter((n) => n.rule === 'voorschoolOverdracht').map((n) => [n.kind, n.recipient])).toEqual([['reminder', { role: 'provider', org: 'vs-0042' }]]);

    // Level 1 at the end of Sunday 20 December: the voorschool and the loket.
    machine.tick(new Date('2026-12-20T23:00:00Z'));
    expect(machine.takeNotices().map((n) => [n.level, n.recipient])).toEqual([
      [1, { role: 'provider', org: 'vs-0042' }],
      [1, { role: 'loket', region: REGION }],
    ]);
    // Level 2 five werkdagen later: 21-24 December, then Friday 25 (Eerste Kerstdag) and the weekend are skipped: Monday 28.
    expect(machine.nextWakeAt()).toBe(Date.parse('2026-12-28T23:00:00Z'));
    machine.tick(new Date('2026-12-28T23:00:00Z'));
    // No regisseur yet: the loket hears it in the regisseur's place.
    expect(machine.takeNotices().map((n) => [n.level, n.recipient])).toEqual([
      [2, { role: 'school', org: '12AB' }],
      [2, { role: 'loket', region: REGION }],
    ]);
    // Level 3 ten werkdagen after the due day, past Nieuwjaarsdag (Friday 1 January 2027): Tuesday 5 January.
    expect(machine.nextWakeAt()).toBe(Date.parse('2027-01-05T23:00:00Z'));
    machine.tick(new Date('2027-01-05T23:00:00Z'));
    expect(machine.takeNotices().map((n) => [n.level, n.recipient, n.message])).toEqual([
      [3, { role: 'gemeente', region: REGION }, 'Escalatie niveau 3: de overdracht van de voorschool naar de basisschool is over de termijn (uiterlijk 2026-12-20). (overstap-1)'],
    ]);
    expect(overdracht()?.level).toBe(3);
  });

  it('confirms once admitted and sent, with a warme overdracht for a child with a VE indicatie; the plan’s school is then the basisschool', () => {
    const machine = voorschoolPlan();
    step(machine, 'recordAanmelding', SCHOOL, aanmeldingBody('2026-09-07', { supportNeedExpected: false }), at('2026-09-07T08:00:00Z'));
    step(machine, 'recordVoorschoolOverdracht', VOORSCHOOL, voorschoolOverdrachtBody('2026-10-01', { documents: [] }), at('2026-10-01T08:00:00Z'));
    step(machine, 'decideAdmission', SCHOOL, { outcome: 'toegelaten', decidedOn: '2026-10-05' }, at('2026-10-05T08:00:00Z'));
    expect(machine.missingForConfirmation(machine.state.transitions[0] as never).map((m) => m.field)).toEqual(['warmeOverdracht']);
    step(machine, 'recordWarmeOverdracht', VOORSCHOOL, warmeOverdrachtBody('2026-12-01', { participants: ['intern_begeleider', 'ouders'] }), at('2026-12-01T08:00:00Z'));
    step(machine, 'confirmTransition', LOKET, {}, at('2026-12-02T08:00:00Z'));
    machine.tick(at('2027-02-21T23:00:00Z'));
    expect(machine.state.school).toMatchObject({ brin: '12AB', sector: 'PO' });
    expect(machine.state.transitions[0]?.status).toBe('afgerond');
    // The voorschool loses sight of the plan once the toddler is at school.
    expect(domainErrorCodeOf(() => assertMayOnPlan(VOORSCHOOL, machine.state, 'view'))).toBe('NOT_FOUND');
    expect(REGISSEUR.role).toBe('regisseur');
  });
});
