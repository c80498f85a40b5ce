import { actorRef } from '../actor/actor';
import { ChildPlanMachine } from '../child-plan/child-plan.machine';
import { planReferral } from '../child-plan/child-plan.fixture';
import { ReferralMachine } from '../referral/referral.machine';
import { LOKET, NATIONAL_POLICY, REGISSEUR, SCHOOL, startReferralBody, toewijzingBody } from '../referral/referral.fixture';
import { buildInzageDossier } from './inzage-dossier.view';

const CHILD = 'lln-7f3a9c';
const REFERRAL = '6f1c1d1e-0000-4000-8000-000000000001';
const NOW = new Date('2026-11-23T09:00:00Z');

function sources() {
  const referral = ReferralMachine.submit(
    REFERRAL,
    'swv-2801',
    SCHOOL,
    startReferralBody({
      childRef: CHILD,
      concerns: [
        { area: 'leren', description: 'Leest twee jaar achter.' },
        { area: 'fysiek-medisch', description: 'Epilepsie, medicatie volgens de neuroloog.' },
        { area: 'thuissituatie', description: 'Oudere broer is geschorst; moeder werkt in ploegendienst.' },
      ],
    }),
    NOW,
    NATIONAL_POLICY,
    'req-1',
  );
  referral.requestToewijzing(NOW);
  referral.apply('toewijzing', { actor: LOKET, body: toewijzingBody(), requestId: 'req-2' }, NOW);
  const plan = ChildPlanMachine.open(CHILD, 'swv-2801', NOW);
  plan.registerReferral(planReferral(REFERRAL), NOW);
  plan.claimRegisseur(REFERRAL, REGISSEUR.sub, actorRef(LOKET), NOW);
  return {
    plan: plan.state,
    planEvents: plan.events,
    referrals: [{ entry: plan.state.referrals[0]!, state: referral.state, events: referral.events }],
    personalDetails: {
      child: { givenNames: 'Fleur', familyName: 'de Boer', birthDate: '2016-05-01' },
      parents: [{ name: 'Petra de Boer', relation: 'ouder' as const, gezag: true, email: 'petra@example.nl', phone: '06 12345678' }],
    },
    notifications: [],
  };
}

describe('the inzage dossier', () => {
  it('gives everything held about the child, the case’s own text included', () => {
    const dossier = buildInzageDossier(sources());
    const text = JSON.stringify(dossier);
    expect(dossier.childRef).toBe(CHILD);
    expect(text).toContain('Leest twee jaar achter.');
    expect(text).toContain(startReferralBody().summary);
    expect(dossier.personalDetails).toEqual({ child: { givenNames: 'Fleur', familyName: 'de Boer', birthDate: '2016-05-01' }, parents: [{ name: 'Petra de Boer', relation: 'ouder', gezag: true }] });
    expect((dossier.cases[0] as { timeline: unknown[] }).timeline.length).toBe(3);
    expect(dossier.planTimeline.length).toBeGreaterThan(0);
  });

  it('leaves out medical content, third parties’ data and staff identifiers, and says so', () => {
    const dossier = buildInzageDossier(sources());
    const text = JSON.stringify(dossier);
    for (const absent of ['Epilepsie', 'Oudere broer', 'petra@example.nl', '06 12345678', SCHOOL.sub, LOKET.sub, REGISSEUR.sub, 'req-1', 'req-2']) expect({ absent, found: text.includes(absent) }).toEqual({ absent, found: false });
    expect(dossier.leftOut).toEqual([
      expect.objectContaining({ part: 'personalDetails.parents[0].email/phone', reason: 'derden' }),
      expect.objectContaining({ part: 'cases[0].request.concerns[1].description', reason: 'medisch' }),
      expect.objectContaining({ part: 'cases[0].request.concerns[2].description', reason: 'derden' }),
    ]);
    // Who acted stays visible by role and organisation.
    expect(text).toContain('"submittedBy":{"role":"school","org":"12AB"}');
  });
});
