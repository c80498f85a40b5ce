import { actorRef } from '../actor/actor';
import { domainErrorCodeOf, domainErrorOf } from '../errors/domain-error.fixture';
import { LOKET, NATIONAL_POLICY, OTHER_REGISSEUR, REGISSEUR, SCHOOL } from '../referral/referral.fixture';
import { ChildPlanMachine } from './child-plan.machine';
import { aanmeldingBody, overdrachtBody, scheduleTransitionBody, VO_SCHOOL, warmeOverdrachtBody } from './child-plan.fixture';
import {
  at,
  CHILD_REF,
  OPENED,
  planReferral,
  planWithRegisseur,
  readyButArrangements,
  REFERRAL_A,
  REFERRAL_B,
  REFERRAL_C,
  REGION,
  SCHEDULED,
  scheduled,
  START_DATE,
  STARTS_AT,
  step,
} from './child-plan.test-helper';

describe('ChildPlanMachine: one plan for the child', () => {
  it('opens empty, with the opening on the timeline', () => {
    const machine = ChildPlanMachine.open(CHILD_REF, REGION, OPENED);
    expect(machine.state).toMatchObject({ childRef: CHILD_REF, region: REGION, createdAt: OPENED.toISOString(), school: null, schools: [], regisseur: null, referrals: [], transitions: [], version: 1 });
    expect(machine.events).toEqual([{ seq: 1, type: 'plan.opened', at: OPENED.toISOString(), actor: { sub: 'schakel', role: 'system' }, data: { region: REGION } }]);
    expect(machine.nextWakeAt()).toBeUndefined();
  });

  it('lets two referrals share the plan; the first names the current school', () => {
    const machine = ChildPlanMachine.open(CHILD_REF, REGION, OPENED);
    machine.registerReferral(planReferral(REFERRAL_A), OPENED);
    machine.registerReferral(planReferral(REFERRAL_B, { school: { brin: '12AB01', sector: 'PO' }, stage: 'toewijzing', arrangement: null, createdAt: '2027-01-05T10:00:00.000Z' }), OPENED);
    expect(machine.state.referrals.map((r) => r.referralId)).toEqual([REFERRAL_A, REFERRAL_B]);
    expect(machine.state.school).toEqual({ brin: '12AB', sector: 'PO', since: '2026-11-23T09:00:00.000Z' });
    expect(machine.state.schools).toEqual([{ sector: 'PO', brin: '12AB', from: '2026-11-23T09:00:00.000Z' }]);
    expect(machine.events.filter((e) => e.type === 'referral.registered').map((e) => e.referralId)).toEqual([REFERRAL_A, REFERRAL_B]);
    expect(machine.openReferralIds).toEqual([REFERRAL_A, REFERRAL_B]);
    expect(machine.activeArrangements.map((r) => r.referralId)).toEqual([REFERRAL_A]);
  });

  it('ignores a report older than (or as old as) the one it has, and takes a newer one', () => {
    const machine = ChildPlanMachine.open(CHILD_REF, REGION, OPENED);
    machine.registerReferral(planReferral(REFERRAL_A, { version: 3 }), OPENED);
    const eventsBefore = machine.events.length;
    machine.registerReferral(planReferral(REFERRAL_A, { version: 2, stage: 'arrangement', arrangement: null }), at('2027-01-12T08:00:00Z'));
    machine.registerReferral(planReferral(REFERRAL_A, { version: 3, stage: 'evaluatie' }), at('2027-01-12T08:00:00Z'));
    expect(machine.state.referrals[0]).toMatchObject({ version: 3, stage: 'uitvoering' });
    expect(machine.state.referrals).toHaveLength(1);
    expect(machine.events).toHaveLength(eventsBefore);

    machine.registerReferral(planReferral(REFERRAL_A, { version: 4, stage: 'evaluatie' }), at('2027-01-13T08:00:00Z'));
    expect(machine.state.referrals[0]).toMatchObject({ version: 4, stage: 'evaluatie' });
    expect(machine.state.referrals).toHaveLength(1);
  });

  it('records a closed referral once, and drops its arrangement from the running ones', () => {
    const machine = ChildPlanMachine.open(CHILD_REF, REGION, OPENED);
    machine.registerReferral(planReferral(REFERRAL_A), OPENED);
    machine.registerReferral(planReferral(REFERRAL_A, { version: 4, stage: 'afgesloten', closedAt: '2027-02-01T10:00:00.000Z' }), at('2027-02-01T10:00:00Z'));
    machine.registerReferral(planReferral(REFERRAL_A, { version: 5, stage: 'afgesloten', closedAt: '2027-02-01T10:00:00.000Z' }), at('2027-02-02T10:00:00Z'));
    expect(machine.events.filter((e) => e.type === 'referral.closed')).toEqual([
      expect.objectContaining({ referralId: REFERRAL_A, at: '2027-02-01T10:00:00.000Z', data: { stage: 'afgesloten' } }),
    ]);
    expect(machine.openReferralIds).toEqual([]);
    expect(machine.activeArrangements).toEqual([]);
  });
});

describe('ChildPlanMachine: één kind, één regisseur', () => {
  it('refuses a first claim without a regisseur, naming regisseurId', () => {
    const machine = ChildPlanMachine.open(CHILD_REF, REGION, OPENED);
    const error = domainErrorOf(() => machine.claimRegisseur(REFERRAL_A, undefined, actorRef(LOKET), OPENED));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.issues.map((i) => i.field)).toEqual(['regisseurId']);
    expect(machine.state.regisseur).toBeNull();
  });

  it('lets the first toewijzing name the regisseur and gives every later referral the same one', () => {
    const machine = ChildPlanMachine.open(CHILD_REF, REGION, OPENED);
    expect(machine.claimRegisseur(REFERRAL_A, REGISSEUR.sub, actorRef(LOKET), OPENED)).toBe(REGISSEUR.sub);
    expect(machine.state.regisseur).toEqual({ regisseurId: REGISSEUR.sub, from: OPENED.toISOString(), assignedBy: actorRef(LOKET), referralId: REFERRAL_A });
    expect(machine.state.regisseurHistory).toHaveLength(1);
    const later = at('2027-02-01T08:00:00Z');
    expect(machine.claimRegisseur(REFERRAL_B, REGISSEUR.sub, actorRef(LOKET), later)).toBe(REGISSEUR.sub);
    expect(machine.claimRegisseur(REFERRAL_C, undefined, actorRef(LOKET), later)).toBe(REGISSEUR.sub);
    expect(machine.events.filter((e) => e.type === 'regisseur.assigned')).toEqual([
      expect.objectContaining({ referralId: REFERRAL_A, actor: actorRef(LOKET), data: { regisseurId: REGISSEUR.sub } }),
    ]);
    expect(machine.state.regisseur?.from).toBe(OPENED.toISOString());
  });

  it('refuses another regisseur with REGISSEUR_CONFLICT and leaves the plan as it was', () => {
    const machine = planWithRegisseur();
    const before = JSON.stringify(machine.state);
    const error = domainErrorOf(() => machine.claimRegisseur(REFERRAL_B, OTHER_REGISSEUR.sub, actorRef(LOKET), SCHEDULED));
    expect(error.code).toBe('REGISSEUR_CONFLICT');
    expect(error.issues).toEqual([{ field: 'regisseurId', message: `must be ${REGISSEUR.sub}, the child's regisseur, or be omitted` }]);
    expect(JSON.stringify(machine.state)).toBe(before);
  });

  it('hands the plan over explicitly and keeps the history', () => {
    const machine = planWithRegisseur();
    const when = at('2027-02-01T10:00:00Z');
    step(machine, 'handoverRegisseur', REGISSEUR, { toRegisseurId: OTHER_REGISSEUR.sub, reason: 'Verhuizing naar een andere wijk.' }, when, {});
    expect(machine.state.regisseur).toEqual({ regisseurId: OTHER_REGISSEUR.sub, from: when.toISOString(), assignedBy: actorRef(REGISSEUR), reason: 'Verhuizing naar een andere wijk.' });
    expect(machine.state.regisseurHistory.map((p) => [p.regisseurId, p.from, p.until])).toEqual([
      [REGISSEUR.sub, OPENED.toISOString(), when.toISOString()],
      [OTHER_REGISSEUR.sub, when.toISOString(), undefined],
    ]);
    expect(machine.events.at(-1)).toMatchObject({ type: 'regisseur.handover', requestId: 'req-handoverRegisseur', data: { from: REGISSEUR.sub, to: OTHER_REGISSEUR.sub } });
    // The new regisseur is the child's: a later referral gets them; the former one is now a conflict.
    expect(machine.claimRegisseur(REFERRAL_B, undefined, actorRef(LOKET), when)).toBe(OTHER_REGISSEUR.sub);
    expect(domainErrorCodeOf(() => machine.checkRegisseurClaim(REGISSEUR.sub))).toBe('REGISSEUR_CONFLICT');
  });

  it('refuses a handover to the current regisseur, by a school, and before any regisseur', () => {
    const machine = planWithRegisseur();
    const same = domainErrorOf(() => machine.check('handoverRegisseur', { actor: LOKET, body: { toRegisseurId: REGISSEUR.sub, reason: 'r' } }, SCHEDULED));
    expect(same.code).toBe('VALIDATION_FAILED');
    expect(same.issues.map((i) => i.field)).toEqual(['toRegisseurId']);
    expect(domainErrorCodeOf(() => machine.check('handoverRegisseur', { actor: SCHOOL, body: { toRegisseurId: OTHER_REGISSEUR.sub, reason: 'r' } }, SCHEDULED))).toBe('FORBIDDEN');

    const without = ChildPlanMachine.open(CHILD_REF, REGION, OPENED);
    expect(domainErrorCodeOf(() => without.check('handoverRegisseur', { actor: LOKET, body: { toRegisseurId: OTHER_REGISSEUR.sub, reason: 'r' } }, SCHEDULED))).toBe('STAGE_CONFLICT');
  });
});

describe('ChildPlanMachine: a PO→VO overstap from schedule to start date (national policy)', () => {
  it('schedules the overstap with its terms and tells the receiving school', () => {
    const machine = scheduled();
    const [t] = machine.state.transitions;
    expect(t).toMatchObject({
      transitionId: 'overstap-1',
      kind: 'overstap',
      status: 'gepland',
      from: { brin: '12AB', sector: 'PO' },
      to: { sector: 'VO', brin: '34CD' },
      startDate: START_DATE,
      startsAt: STARTS_AT,
      needsTlv: false,
      zorgplicht: true,
      mboEntry: false,
      scheduledAt: SCHEDULED.toISOString(),
    });
    expect(t?.policy.version).toBe(NATIONAL_POLICY.version);
    // Due 10 werkdagen before Monday 30 August: Friday 27 August is the first, Monday 16 August the tenth.
    expect(t?.deadlines).toEqual([expect.objectContaining({ id: 'overstapBevestiging-1', rule: 'overstapBevestiging', dueAt: '2027-08-16T22:00:00.000Z', level: 0 })]);
    expect(machine.takeNotices()).toEqual([
      expect.objectContaining({ kind: 'overstap', transitionId: 'overstap-1', recipient: { role: 'school', org: '34CD' }, deadlineId: 'overstapBevestiging-1' }),
    ]);
    expect(machine.takeNotices()).toEqual([]);
  });

  it('refuses the overdracht before the aanmelding (OSO: no selectie aan de poort)', () => {
    const machine = scheduled();
    expect(domainErrorCodeOf(() => step(machine, 'recordOverdracht', SCHOOL, overdrachtBody('2027-01-18'), SCHEDULED))).toBe('STAGE_CONFLICT');
  });

  it('opens a zorgplicht term of 6 calendar weeks at the aanmelding, holidays counting', () => {
    const machine = scheduled();
    const received = at('2027-03-30T08:00:00Z');
    step(machine, 'recordAanmelding', VO_SCHOOL, aanmeldingBody('2027-03-30'), received);
    const t = machine.state.transitions[0];
    expect(t?.aanmelding).toMatchObject({ receivedOn: '2027-03-30', supportNeedExpected: true, recordedBy: actorRef(VO_SCHOOL) });
    expect(t?.aanmelding?.toelatingsrecht).toBeUndefined();
    // Tuesday 30 March + 42 days (meivakantie, Koningsdag and Hemelvaart included) = Tuesday 11 May 2027.
    expect(machine.openDeadlines().find((d) => d.rule === 'zorgplicht')).toMatchObject({ id: 'zorgplicht-1', openedAt: received.toISOString(), dueAt: '2027-05-11T22:00:00.000Z', transitionId: 'overstap-1' });
    expect(domainErrorCodeOf(() => step(machine, 'recordAanmelding', VO_SCHOOL, aanmeldingBody('2027-03-30'), received))).toBe('STAGE_CONFLICT');
  });

  it('counts the zorgplicht from the day of receipt when the aanmelding is recorded later', () => {
    const machine = scheduled();
    step(machine, 'recordAanmelding', VO_SCHOOL, aanmeldingBody('2027-03-30'), at('2027-04-02T09:00:00Z'));
    expect(machine.openDeadlines().find((d) => d.rule === 'zorgplicht')?.dueAt).toBe('2027-05-11T22:00:00.000Z');
  });

  it('refuses an aanmelding received in the future', () => {
    const machine = scheduled();
    const error = domainErrorOf(() => step(machine, 'recordAanmelding', VO_SCHOOL, aanmeldingBody('2027-03-31'), at('2027-03-30T08:00:00Z')));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.issues.map((i) => i.field)).toEqual(['receivedOn']);
  });

  it('lets the receiving school extend its zorgplicht once by at most 4 weeks (DOMAIN.md §1.1)', () => {
    const machine = scheduled();
    step(machine, 'recordAanmelding', VO_SCHOOL, aanmeldingBody('2027-03-30'), at('2027-03-30T08:00:00Z'));
    const extend = (amount: number, actor = VO_SCHOOL) =>
      step(machine, 'extendDeadline', actor, { amount, unit: 'weken', reason: 'Onderzoek naar de ondersteuningsbehoefte loopt.' }, at('2027-04-12T08:00:00Z'), { deadlineId: 'zorgplicht-1' });

    const tooFar = domainErrorOf(() => extend(5));
    expect(tooFar.code).toBe('DEADLINE_RULE');
    expect(tooFar.issues.map((i) => i.field)).toEqual(['amount']);
    // The sending school does not hold the zorgplicht.
    expect(domainErrorCodeOf(() => extend(4, SCHOOL))).toBe('FORBIDDEN');

    extend(4);
    const deadline = machine.openDeadlines().find((d) => d.id === 'zorgplicht-1');
    expect(deadline).toMatchObject({ dueAt: '2027-06-08T22:00:00.000Z', extensions: 1 });
    expect(machine.events.at(-1)).toMatchObject({ type: 'deadline.extended', transitionId: 'overstap-1', data: { deadlineId: 'zorgplicht-1', amount: 4, unit: 'weken', dueAt: '2027-06-08T22:00:00.000Z' } });

    expect(domainErrorCodeOf(() => extend(1))).toBe('DEADLINE_RULE');
    expect(machine.openDeadlines().find((d) => d.id === 'zorgplicht-1')?.dueAt).toBe('2027-06-08T22:00:00.000Z');
  });

  it('refuses an unknown deadline and a school changing a term other than zorgplicht', () => {
    const machine = scheduled();
    step(machine, 'recordAanmelding', VO_SCHOOL, aanmeldingBody('2027-03-30'), at('2027-03-30T08:00:00Z'));
    const body = { reason: 'Wacht op documenten.' };
    expect(domainErrorCodeOf(() => machine.check('pauseDeadline', { actor: LOKET, deadlineId: 'zorgplicht-9', body }, at('2027-04-01T08:00:00Z')))).toBe('NOT_FOUND');
    expect(domainErrorCodeOf(() => machine.check('pauseDeadline', { actor: VO_SCHOOL, deadlineId: 'overstapBevestiging-1', body }, at('2027-04-01T08:00:00Z')))).toBe('FORBIDDEN');
    expect(domainErrorCodeOf(() => machine.check('pauseDeadline', { actor: LOKET, deadlineId: 'overstapBevestiging-1', body }, at('2027-04-01T08:00:00Z')))).toBeUndefined();
  });

  it('closes the zorgplicht at the admission', () => {
    const machine = scheduled();
    step(machine, 'recordAanmelding', VO_SCHOOL, aanmeldingBody('2027-03-30'), at('2027-03-30T08:00:00Z'));
    const decided = at('2027-04-26T08:00:00Z');
    step(machine, 'decideAdmission', VO_SCHOOL, { outcome: 'toegelaten', decidedOn: '2027-04-26' }, decided);
    expect(machine.state.transitions[0]?.deadlines.find((d) => d.rule === 'zorgplicht')?.closedAt).toBe(decided.toISOString());
    expect(machine.openDeadlines().map((d) => d.id)).toEqual(['overstapBevestiging-1']);
    expect(domainErrorCodeOf(() => step(machine, 'decideAdmission', VO_SCHOOL, { outcome: 'toegelaten', decidedOn: '2027-04-26' }, decided))).toBe('STAGE_CONFLICT');
  });

  it('refuses a confirmation with issues naming each missing step', () => {
    const machine = scheduled();
    step(machine, 'recordAanmelding', VO_SCHOOL, aanmeldingBody('2027-03-30'), at('2027-03-30T08:00:00Z'));
    const error = domainErrorOf(() => step(machine, 'confirmTransition', REGISSEUR, {}, at('2027-04-01T08:00:00Z')));
    expect(error.code).toBe('STAGE_CONFLICT');
    expect(error.issues.map((i) => i.field)).toEqual(['admission', 'overdracht', 'warmeOverdracht', 'arrangements']);
  });

  it('asks for exactly the running arrangements: none left out, none that is not running', () => {
    const machine = readyButArrangements();
    machine.registerReferral(planReferral(REFERRAL_B, { arrangement: { version: 1, kind: 'ambulante_begeleiding', status: 'ter_goedkeuring', startDate: '2027-05-01', endDate: '2027-12-31', evaluationDate: '2027-09-01' } }), at('2027-06-01T08:00:00Z'));
    const now = at('2027-06-07T08:00:00Z');

    const confirm = domainErrorOf(() => step(machine, 'confirmTransition', REGISSEUR, {}, now));
    expect(confirm.code).toBe('STAGE_CONFLICT');
    expect(confirm.issues.map((i) => i.field)).toEqual(['arrangements']);

    const wrong = domainErrorOf(() => step(machine, 'decideArrangements', REGISSEUR, { arrangements: [{ referralId: REFERRAL_B, outcome: 'voortgezet' }] }, now));
    expect(wrong.code).toBe('VALIDATION_FAILED');
    expect(wrong.issues.map((i) => i.field)).toEqual(['arrangements.0.referralId', 'arrangements']);
    expect(wrong.issues[1]?.message).toContain(REFERRAL_A);

    expect(domainErrorOf(() => step(machine, 'decideArrangements', REGISSEUR, { arrangements: [] }, now)).issues.map((i) => i.field)).toEqual(['arrangements']);
    // The receiving school does not decide what happens to the arrangements.
    expect(domainErrorCodeOf(() => step(machine, 'decideArrangements', VO_SCHOOL, { arrangements: [{ referralId: REFERRAL_A, outcome: 'voortgezet' }] }, now))).toBe('FORBIDDEN');

    step(machine, 'decideArrangements', REGISSEUR, { arrangements: [{ referralId: REFERRAL_A, outcome: 'herbeoordeeld', note: 'Op het VO opnieuw bekijken.' }] }, now);
    expect(machine.state.transitions[0]?.arrangementContinuations?.arrangements).toEqual([{ referralId: REFERRAL_A, outcome: 'herbeoordeeld', note: 'Op het VO opnieuw bekijken.' }]);
  });

  it('refuses the confirmation when an arrangement started running after the continuations were decided', () => {
    const machine = readyButArrangements();
    step(machine, 'decideArrangements', REGISSEUR, { arrangements: [{ referralId: REFERRAL_A, outcome: 'voortgezet' }] }, at('2027-06-07T08:00:00Z'));
    machine.registerReferral(planReferral(REFERRAL_C, { createdAt: '2027-05-01T08:00:00.000Z' }), at('2027-06-08T08:00:00Z'));
    const error = domainErrorOf(() => step(machine, 'confirmTransition', REGISSEUR, {}, at('2027-06-09T08:00:00Z')));
    expect(error.code).toBe('STAGE_CONFLICT');
    expect(error.issues).toEqual([expect.objectContaining({ field: 'arrangements', message: expect.stringContaining(REFERRAL_C) })]);
  });

  it('confirms, then completes on the start date: new school, school history, transition afgerond', () => {
    const machine = readyButArrangements();
    step(machine, 'decideArrangements', REGISSEUR, { arrangements: [{ referralId: REFERRAL_A, outcome: 'herbeoordeeld' }] }, at('2027-06-07T08:00:00Z'));
    machine.takeNotices();
    const confirmed = at('2027-06-14T08:00:00Z');
    step(machine, 'confirmTransition', REGISSEUR, { note: 'Alles rond.' }, confirmed);

    const t = () => machine.state.transitions[0];
    expect(t()?.status).toBe('bevestigd');
    expect(t()?.confirmed).toEqual({ by: actorRef(REGISSEUR), at: confirmed.toISOString(), note: 'Alles rond.' });
    expect(t()?.deadlines.find((d) => d.id === 'overstapBevestiging-1')?.closedAt).toBe(confirmed.toISOString());
    expect(machine.openDeadlines()).toEqual([]);
    // Nothing runs but the start date itself.
    expect(machine.nextWakeAt()).toBe(Date.parse(STARTS_AT));
    expect(domainErrorCodeOf(() => step(machine, 'confirmTransition', REGISSEUR, {}, confirmed))).toBe('STAGE_CONFLICT');

    machine.tick(new Date(Date.parse(STARTS_AT) - 1));
    expect(t()?.status).toBe('bevestigd');
    expect(machine.state.school?.brin).toBe('12AB');

    machine.tick(new Date(STARTS_AT));
    expect(t()?.status).toBe('afgerond');
    expect(t()?.completedAt).toBe(STARTS_AT);
    expect(machine.state.school).toEqual({ brin: '34CD', sector: 'VO', since: STARTS_AT });
    expect(machine.state.schools).toEqual([
      { sector: 'PO', brin: '12AB', from: '2026-11-23T09:00:00.000Z', until: STARTS_AT },
      { sector: 'VO', brin: '34CD', from: STARTS_AT, transitionId: 'overstap-1' },
    ]);
    expect(machine.nextWakeAt()).toBeUndefined();
    // The regisseur hears that the arrangement is to be re-assessed at the new school.
    expect(machine.takeNotices()).toEqual([
      expect.objectContaining({ kind: 'overstap', transitionId: 'overstap-1', recipient: { role: 'regisseur', sub: REGISSEUR.sub }, message: expect.stringContaining(REFERRAL_A) }),
    ]);
    expect(machine.events.map((e) => e.type)).toEqual([
      'plan.opened',
      'referral.registered',
      'regisseur.assigned',
      'transition.scheduled',
      'transition.aanmelding',
      'transition.overdracht',
      'transition.admission',
      'transition.warme_overdracht',
      'transition.arrangements',
      'transition.confirmed',
      'transition.completed',
    ]);
    expect(machine.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(machine.events.at(-1)).toMatchObject({ actor: { role: 'system' }, transitionId: 'overstap-1', data: { to: { sector: 'VO', brin: '34CD' }, arrangements: [{ referralId: REFERRAL_A, outcome: 'herbeoordeeld' }] } });
    // A second tick changes nothing.
    const version = machine.state.version;
    machine.tick(at('2027-09-01T08:00:00Z'));
    expect(machine.state.version).toBe(version);
  });

  it('lets a new overstap be scheduled only once the previous one is done or cancelled', () => {
    const machine = scheduled();
    const again = scheduleTransitionBody('2027-09-13', { to: { sector: 'VO', brin: '99ZZ' } });
    expect(domainErrorCodeOf(() => step(machine, 'scheduleTransition', SCHOOL, again, SCHEDULED, { policy: NATIONAL_POLICY }))).toBe('STAGE_CONFLICT');

    const cancelled = at('2027-01-20T09:00:00Z');
    step(machine, 'cancelTransition', SCHOOL, { reason: 'Ouders kiezen een andere school.' }, cancelled);
    expect(machine.state.transitions[0]).toMatchObject({ status: 'geannuleerd', cancelled: { by: actorRef(SCHOOL), at: cancelled.toISOString(), reason: 'Ouders kiezen een andere school.' } });
    expect(machine.openDeadlines()).toEqual([]);
    expect(domainErrorCodeOf(() => step(machine, 'cancelTransition', SCHOOL, { reason: 'nogmaals' }, cancelled))).toBe('STAGE_CONFLICT');
    expect(domainErrorCodeOf(() => step(machine, 'recordAanmelding', VO_SCHOOL, aanmeldingBody('2027-01-20'), cancelled))).toBe('NOT_FOUND');

    step(machine, 'scheduleTransition', SCHOOL, again, cancelled, { policy: NATIONAL_POLICY });
    expect(machine.state.transitions.map((t) => [t.transitionId, t.status, t.deadlines.map((d) => d.id)])).toEqual([
      ['overstap-1', 'geannuleerd', ['overstapBevestiging-1']],
      ['overstap-2', 'gepland', ['overstapBevestiging-2']],
    ]);
  });

  it('refuses a schedule without policy, from another school, with a start in the past, or for an unknown overstap', () => {
    const machine = planWithRegisseur();
    const body = scheduleTransitionBody(START_DATE);
    expect(domainErrorCodeOf(() => machine.check('scheduleTransition', { actor: SCHOOL, body }, SCHEDULED))).toBe('VALIDATION_FAILED');
    const from = domainErrorOf(() => machine.check('scheduleTransition', { actor: LOKET, policy: NATIONAL_POLICY, body: scheduleTransitionBody(START_DATE, { from: { brin: '99ZZ', sector: 'PO' } }) }, SCHEDULED));
    expect(from.issues.map((i) => i.field)).toEqual(['from']);
    const past = domainErrorOf(() => machine.check('scheduleTransition', { actor: SCHOOL, policy: NATIONAL_POLICY, body: scheduleTransitionBody('2027-01-18') }, SCHEDULED));
    expect(past.issues.map((i) => i.field)).toEqual(['startDate']);
    expect(domainErrorCodeOf(() => machine.check('recordAanmelding', { actor: LOKET, transitionId: 'overstap-1', body: aanmeldingBody('2027-01-18') }, SCHEDULED))).toBe('NOT_FOUND');
  });

  it('notifies the sending school and the loket when the receiving school refuses', () => {
    const machine = scheduled();
    step(machine, 'recordAanmelding', VO_SCHOOL, aanmeldingBody('2027-03-30'), at('2027-03-30T08:00:00Z'));
    machine.takeNotices();
    const decided = at('2027-04-26T08:00:00Z');
    step(machine, 'decideAdmission', VO_SCHOOL, { outcome: 'afgewezen', decidedOn: '2027-04-26', reason: 'Geen plaats.', alternativeBrin: '99ZZ' }, decided);
    expect(machine.state.transitions[0]?.status).toBe('afgewezen');
    expect(machine.openDeadlines()).toEqual([]);
    const notices = machine.takeNotices();
    expect(notices.map((n) => n.recipient)).toEqual([{ role: 'school', org: '12AB' }, { role: 'loket', region: REGION }]);
    expect(notices[0]?.message).toContain('99ZZ');
    expect(domainErrorCodeOf(() => step(machine, 'recordWarmeOverdracht', VO_SCHOOL, warmeOverdrachtBody('2027-04-26'), decided))).toBe('NOT_FOUND');
  });
});

describe('ChildPlanMachine: zorgplicht and the order of the overstap', () => {
  it('refuses a pupil who needs support only with the school that admits instead (zorgplicht)', () => {
    const machine = scheduled();
    step(machine, 'recordAanmelding', VO_SCHOOL, aanmeldingBody('2027-03-30'), at('2027-03-30T08:00:00Z'));
    const refusal = domainErrorOf(() => step(machine, 'decideAdmission', VO_SCHOOL, { outcome: 'afgewezen', decidedOn: '2027-04-26', reason: 'Geen plaats.' }, at('2027-04-26T08:00:00Z')));
    expect(refusal.code).toBe('VALIDATION_FAILED');
    expect(refusal.issues.map((i) => i.field)).toEqual(['alternativeBrin']);
    expect(machine.state.transitions[0]?.status).toBe('gepland');
  });

  it('holds the warme overdracht until the aanmelding, like the overdracht', () => {
    const machine = scheduled();
    expect(domainErrorCodeOf(() => step(machine, 'recordWarmeOverdracht', SCHOOL, warmeOverdrachtBody('2027-02-01'), at('2027-02-01T08:00:00Z')))).toBe('STAGE_CONFLICT');
    step(machine, 'recordAanmelding', VO_SCHOOL, aanmeldingBody('2027-03-30'), at('2027-03-30T08:00:00Z'));
    step(machine, 'recordWarmeOverdracht', SCHOOL, warmeOverdrachtBody('2027-03-31'), at('2027-03-31T08:00:00Z'));
    expect(machine.state.transitions[0]?.warmeOverdracht?.heldOn).toBe('2027-03-31');
  });
});

describe('ChildPlanMachine: a failed step changes nothing', () => {
  it('leaves state, timeline and notices as they were when the check refuses', () => {
    const machine = scheduled();
    const state = JSON.stringify(machine.state);
    const events = JSON.stringify(machine.events);
    expect(domainErrorCodeOf(() => step(machine, 'recordAanmelding', VO_SCHOOL, { receivedOn: 'gisteren', supportNeedExpected: true }, SCHEDULED))).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(machine.state)).toBe(state);
    expect(JSON.stringify(machine.events)).toBe(events);
  });

  it('rolls back a step that fails half-way (a zorgplicht term beyond the calendar data)', () => {
    const machine = planWithRegisseur();
    const now = at('2028-12-20T09:00:00Z');
    step(machine, 'scheduleTransition', SCHOOL, scheduleTransitionBody('2028-12-31T12:00:00+01:00'), now, { policy: NATIONAL_POLICY });
    machine.takeNotices();
    const state = JSON.stringify(machine.state);
    const events = JSON.stringify(machine.events);
    // Six weeks from 20 December 2028 end in 2029, where the Atw calendar has no data (CALENDAR.md §8.4).
    expect(domainErrorCodeOf(() => step(machine, 'recordAanmelding', VO_SCHOOL, aanmeldingBody('2028-12-20'), now))).toBe('CALENDAR_OUT_OF_RANGE');
    expect(JSON.stringify(machine.state)).toBe(state);
    expect(JSON.stringify(machine.events)).toBe(events);
    expect(machine.state.transitions[0]?.aanmelding).toBeUndefined();
    expect(machine.takeNotices()).toEqual([]);
  });
});
