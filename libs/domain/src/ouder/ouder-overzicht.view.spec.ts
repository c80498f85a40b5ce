import { actorRef } from '../actor/actor';
import { ChildPlanMachine } from '../child-plan/child-plan.machine';
import { planReferral } from '../child-plan/child-plan.fixture';
import { ReferralMachine } from '../referral/referral.machine';
import { arrangementBody, LOKET, NATIONAL_POLICY, REGISSEUR, SCHOOL, startReferralBody, toewijzingBody } from '../referral/referral.fixture';
import { buildOuderOverzicht } from './ouder-overzicht.view';

const CHILD = 'lln-7f3a9c';
const REFERRAL = '6f1c1d1e-0000-4000-8000-000000000001';
const SUBMITTED = new Date('2026-11-23T09:00:00Z');
const DECIDED = new Date('2026-11-24T09:00:00Z');

function referral(): ReferralMachine {
  const machine = ReferralMachine.submit(REFERRAL, 'swv-2801', SCHOOL, startReferralBody({ childRef: CHILD }), SUBMITTED, NATIONAL_POLICY, 'req-1');
  machine.requestToewijzing(SUBMITTED);
  return machine;
}

function plan(regisseur = true): ChildPlanMachine {
  const machine = ChildPlanMachine.open(CHILD, 'swv-2801', SUBMITTED);
  machine.registerReferral(planReferral(REFERRAL, { school: { brin: '12AB', sector: 'PO' } }), SUBMITTED);
  if (regisseur) machine.claimRegisseur(REFERRAL, REGISSEUR.sub, actorRef(LOKET), DECIDED);
  return machine;
}

describe('the parents’ overzicht', () => {
  it('says in plain Dutch what stage the case is in and what the loket does next, by when', () => {
    const view = buildOuderOverzicht(plan(false).state, new Map([[REFERRAL, referral().state]]), SUBMITTED.getTime());
    expect(view.cases).toEqual([
      expect.objectContaining({
        referralId: REFERRAL,
        stage: 'toewijzing',
        stageText: expect.stringMatching(/^Het loket van het samenwerkingsverband bekijkt/),
        open: true,
        nextStep: { text: 'De toewijzing door het loket.', dueOn: expect.stringMatching(/^2026-\d\d-\d\d$/), dueText: expect.stringMatching(/^uiterlijk \d+ (november|december) 2026$/), overdue: false },
        regisseur: { assigned: false, organisation: null },
        decisions: [],
      }),
    ]);
    expect(view.regisseur).toEqual({ assigned: false, organisation: null });
  });

  it('lists the decisions with their reasons and the regisseur by organisation, never by staff id', () => {
    const machine = referral();
    const by = (actor: typeof SCHOOL, name: Parameters<ReferralMachine['apply']>[0], body: unknown) => machine.apply(name, { actor, body }, DECIDED);
    by(LOKET, 'toewijzing', toewijzingBody({ note: 'Combinatie van school en zorg past het best.' }));
    by(SCHOOL, 'arrangement', arrangementBody('2027-03-01'));
    by(REGISSEUR, 'reject', { reason: 'Doelen zijn nog te algemeen.' });
    by(SCHOOL, 'arrangement', arrangementBody('2027-03-01'));
    by(REGISSEUR, 'approve', { note: 'Akkoord met de aangescherpte doelen.' });

    const view = buildOuderOverzicht(plan().state, new Map([[REFERRAL, machine.state]]), DECIDED.getTime());
    const [shown] = view.cases;
    expect(shown?.stage).toBe('uitvoering');
    expect(shown?.stageText).toBe('De hulp is gestart.');
    expect(shown?.regisseur).toEqual({ assigned: true, organisation: 'swv-2801' });
    expect(shown?.decisions.map((d) => [d.text.split(':')[0], d.reason])).toEqual([
      ['Het loket heeft gekozen voor een combinatie van onderwijs en jeugdhulp bij aanbieder zorg-42.', 'Combinatie van school en zorg past het best.'],
      [expect.stringMatching(/afgewezen\.$/), 'Doelen zijn nog te algemeen.'],
      ['De regisseur heeft het plan voor de hulp goedgekeurd', 'Akkoord met de aangescherpte doelen.'],
    ]);
    // While the help runs no term is open: the next step is the planned evaluation.
    expect(shown?.nextStep).toEqual({ text: 'De regisseur bespreekt met u hoe de hulp gaat (evaluatie).', dueOn: '2027-03-01', dueText: 'gepland op 1 maart 2027', overdue: false });
    expect(JSON.stringify(view)).not.toContain(REGISSEUR.sub);
    expect(JSON.stringify(view)).not.toContain(SCHOOL.sub);
  });

  it('shows a referral whose workflow is gone from the plan’s own summary', () => {
    const view = buildOuderOverzicht(plan().state, new Map(), DECIDED.getTime());
    expect(view.cases).toEqual([expect.objectContaining({ referralId: REFERRAL, nextStep: null, regisseur: { assigned: true, organisation: 'swv-2801' } })]);
  });
});
