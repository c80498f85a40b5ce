import { domainErrorCodeOf, domainErrorOf } from '../errors/domain-error.fixture';
import { resolveDeadlinePolicy } from '../deadline/deadline-policy.schema';
import { NATIONAL_DEADLINE_POLICY } from '../deadline/national-deadline-policy.data';
import { ReferralMachine, type ReferralCommand, type ReferralStep } from './referral.machine';
import { arrangementConsentDecisions, toewijzingConsentDecisions } from './toestemming-gate';
import { askedToestemmingen } from './toestemming-overzicht.view';
import { arrangementBody, JONGERE, LOKET, NATIONAL_POLICY, OTHER_PARENT, OUDER, OUDER_OF_OTHER_CHILD, PROVIDER, REGISSEUR, SCHOOL, secondsPolicy, startReferralBody, toewijzingBody } from './referral.fixture';
import type { Actor } from '../actor/actor';
import type { ConsentContext } from './toestemming-request.schema';

const NOW = new Date('2026-11-23T09:00:00Z');
const LATER = new Date('2026-11-24T09:00:00Z');
const AGE = (ageYears: number | null, parentsWithGezag: number | null = 2): ConsentContext => ({ ageYears, parentsWithGezag });

function submitted(parentsConsented = false, policy = NATIONAL_POLICY): ReferralMachine {
  const body = startReferralBody({ parents: { informed: true, consent: parentsConsented } });
  const machine = ReferralMachine.submit('6f1c1d1e-0000-4000-8000-0000000000c1', 'swv-2801', SCHOOL, body, NOW, policy, 'req-1');
  machine.requestToewijzing(NOW);
  return machine;
}

const command = (actor: Actor, body: unknown, consent?: ConsentContext): ReferralCommand => ({ actor, body, requestId: 'req', ...(consent === undefined ? {} : { consent }) });
const step = (machine: ReferralMachine, name: ReferralStep, actor: Actor, body: unknown, consent?: ConsentContext, at = LATER) => machine.apply(name, command(actor, body, consent), at);
const paper = (gateId: string, party: 'ouders' | 'jongere', extra: Record<string, unknown> = {}) => ({ gateId, party, besluit: 'toestemming', signedOn: '2026-11-23', formOnFile: true, ...extra });

describe('which steps need whose consent (issue 11 §6)', () => {
  it('asks consent to share data for a toewijzing to jeugdhulp or gecombineerd, none for the onderwijs route', () => {
    expect(['onderwijs', 'jeugdhulp', 'gecombineerd'].map((route) => toewijzingConsentDecisions({ route: route as 'onderwijs' }))).toEqual([[], ['gegevensdeling'], ['gegevensdeling']]);
  });

  it('asks instemming for an OPP handelingsdeel and a signature for a TLV application', () => {
    expect(arrangementConsentDecisions({})).toEqual([]);
    expect(arrangementConsentDecisions({ oppHandelingsdeel: true, tlvAanvraag: true })).toEqual(['oppHandelingsdeel', 'tlvAanvraag']);
  });

  it('puts the consent term in the national policy, with its source, in werkdagen', () => {
    expect(NATIONAL_DEADLINE_POLICY.rules.toestemming).toMatchObject({ term: { amount: 10, unit: 'werkdagen' }, source: expect.stringContaining('DOMAIN-PROVIDERS.md §4.1') });
    // A region's policy file from before the gates stays valid and gets the national rule.
    const { toestemming: _omitted, ...older } = NATIONAL_DEADLINE_POLICY.rules;
    expect(resolveDeadlinePolicy({ ...NATIONAL_DEADLINE_POLICY, rules: older }, 'swv-2801').rules.toestemming.term).toEqual({ amount: 10, unit: 'werkdagen' });
  });
});

describe('the consent gate on a toewijzing to jeugdhulp', () => {
  it('judges whose consent by the child’s age on the day: parents under 12, parents and child at 12-15, the young person from 16', () => {
    const required = (age: number) => {
      const machine = submitted();
      step(machine, 'toewijzing', LOKET, toewijzingBody(), AGE(age));
      return machine.state.toestemmingen?.[0]?.requirement.required.join('+');
    };
    expect([11, 12, 15, 16].map(required)).toEqual(['ouders', 'ouders+jongere', 'ouders+jongere', 'jongere']);
  });

  it('waits in wacht_op_toestemming with its own term, hiding the provider until every party consented', () => {
    const machine = submitted();
    step(machine, 'toewijzing', LOKET, toewijzingBody(), AGE(13));
    expect(machine.state.stage).toBe('wacht_op_toestemming');
    expect(machine.summary()).toMatchObject({ stage: 'wacht_op_toestemming', providerId: null, nextDueAt: expect.any(String) });
    expect(machine.openDeadlines.map((d) => d.rule)).toEqual(['toestemming']);
    expect(domainErrorCodeOf(() => machine.check('arrangement', command(SCHOOL, arrangementBody('2027-03-01'))))).toBe('STAGE_CONFLICT');
    // The allocated provider does not see the case yet: the data are not shared before consent.
    expect(domainErrorCodeOf(() => machine.check('arrangement', command(PROVIDER, arrangementBody('2027-03-01'))))).toBe('NOT_FOUND');

    step(machine, 'toestemming', OUDER, { gateId: 'toestemming-1', besluit: 'toestemming' }, AGE(13));
    expect(machine.state.stage).toBe('wacht_op_toestemming');
    step(machine, 'toestemming', OTHER_PARENT, { gateId: 'toestemming-1', besluit: 'toestemming' }, AGE(13));
    expect(machine.state.stage).toBe('wacht_op_toestemming');
    step(machine, 'toestemming', JONGERE, { gateId: 'toestemming-1', besluit: 'toestemming' }, AGE(13));
    expect(machine.state.stage).toBe('arrangement');
    expect(machine.summary().providerId).toBe('zorg-42');
    expect(machine.openDeadlines).toEqual([]);
    expect(machine.events.map((e) => e.type).slice(2)).toEqual(['toewijzing.made', 'toestemming.gevraagd', 'toestemming.ontvangen', 'toestemming.ontvangen', 'toestemming.verleend']);
  });

  it('judges the answer at the child’s age on the day it is given: a child who turned 16 meanwhile decides alone', () => {
    const machine = submitted();
    step(machine, 'toewijzing', LOKET, toewijzingBody(), AGE(15));
    expect(domainErrorCodeOf(() => machine.check('toestemming', command(OUDER, { gateId: 'toestemming-1', besluit: 'toestemming' }, AGE(16))))).toBe('FORBIDDEN');
    step(machine, 'toestemming', JONGERE, { gateId: 'toestemming-1', besluit: 'toestemming' }, AGE(16));
    expect(machine.state.stage).toBe('arrangement');
  });

  it('asks the family themselves: a notice for the role ouder with the question in plain Dutch and the last day', () => {
    const machine = submitted();
    machine.takeNotices();
    step(machine, 'toewijzing', LOKET, toewijzingBody(), AGE(13));
    const [asked, ...others] = machine.takeNotices().filter((n) => n.rule === 'toestemming');
    expect(others).toEqual([]);
    expect(asked).toMatchObject({ kind: 'reminder', level: 0, recipient: { role: 'ouder' }, deadlineId: machine.openDeadlines[0]?.id, dueAt: machine.openDeadlines[0]?.dueAt });
    expect(asked?.message).toMatch(/^Mogen wij de gegevens over uw kind delen met de jeugdhulpaanbieder .* Wij hebben uw antwoord nodig uiterlijk /);

    // All consent already on the referral form: nobody in the family is asked.
    const under12 = submitted(true);
    under12.takeNotices();
    step(under12, 'toewijzing', LOKET, toewijzingBody(), AGE(9));
    expect(under12.takeNotices().filter((n) => n.recipient.role === 'ouder')).toEqual([]);
  });

  it('counts the parents’ consent the school recorded on the referral, so only the child is still asked', () => {
    const under12 = submitted(true);
    step(under12, 'toewijzing', LOKET, toewijzingBody(), AGE(9));
    expect(under12.state.stage).toBe('arrangement');
    expect(under12.state.toestemmingen?.[0]).toMatchObject({ status: 'gegeven', answers: [{ party: 'ouders', via: 'aanmelding' }] });

    const fourteen = submitted(true);
    step(fourteen, 'toewijzing', LOKET, toewijzingBody(), AGE(14));
    expect(fourteen.state.stage).toBe('wacht_op_toestemming');
    expect(fourteen.events.at(-1)?.data).toMatchObject({ missing: ['jongere'], band: 'twaalfTotZestien' });
  });

  it('opens no gate without the API’s consent context (commands from before the gates)', () => {
    const machine = submitted();
    step(machine, 'toewijzing', LOKET, toewijzingBody());
    expect(machine.state.stage).toBe('arrangement');
    expect(machine.state.toestemmingen).toBeUndefined();
  });

  it('opens with a paper form recorded by staff: both parents with joint gezag on one form', () => {
    const machine = submitted();
    step(machine, 'toewijzing', LOKET, toewijzingBody(), AGE(8));
    expect(domainErrorCodeOf(() => machine.check('paperToestemming', command(SCHOOL, paper('toestemming-1', 'ouders'))))).toBe('FORBIDDEN');
    step(machine, 'paperToestemming', LOKET, paper('toestemming-1', 'ouders', { parentsSigning: 1 }), AGE(8));
    expect(machine.state.stage).toBe('wacht_op_toestemming');
    step(machine, 'paperToestemming', LOKET, paper('toestemming-1', 'ouders', { parentsSigning: 2 }), AGE(8));
    expect(machine.state.stage).toBe('arrangement');
    expect(machine.state.toestemmingen?.[0]?.answers.at(-1)).toMatchObject({ via: 'papier', signedOn: '2026-11-23', parentsSigning: 2, by: { role: 'loket' } });
  });

  it('refuses a paper form signed in the future, an unknown gate, a second answer by the same parent', () => {
    const machine = submitted();
    step(machine, 'toewijzing', LOKET, toewijzingBody(), AGE(8));
    expect(domainErrorOf(() => step(machine, 'paperToestemming', LOKET, { ...paper('toestemming-1', 'ouders'), signedOn: '2026-12-24' }, AGE(8))).issues).toEqual([expect.objectContaining({ field: 'signedOn' })]);
    expect(domainErrorOf(() => machine.check('toestemming', command(OUDER, { gateId: 'toestemming-7', besluit: 'toestemming' })))).toMatchObject({ code: 'NOT_FOUND', issues: [expect.objectContaining({ field: 'gateId' })] });
    step(machine, 'toestemming', OUDER, { gateId: 'toestemming-1', besluit: 'toestemming' }, AGE(8));
    expect(domainErrorCodeOf(() => machine.check('toestemming', command(OUDER, { gateId: 'toestemming-1', besluit: 'toestemming' }, AGE(8))))).toBe('STAGE_CONFLICT');
    // A parent of another child does not learn the case exists; a child under 12 does not decide.
    expect(domainErrorCodeOf(() => machine.check('toestemming', command(OUDER_OF_OTHER_CHILD, { gateId: 'toestemming-1', besluit: 'toestemming' }, AGE(8))))).toBe('NOT_FOUND');
    expect(domainErrorCodeOf(() => machine.check('toestemming', command(JONGERE, { gateId: 'toestemming-1', besluit: 'toestemming' }, AGE(8))))).toBe('FORBIDDEN');
  });

  it('stops the toewijzing on a refusal: back to the loket with its term running again', () => {
    const machine = submitted();
    step(machine, 'toewijzing', LOKET, toewijzingBody(), AGE(8));
    step(machine, 'toestemming', OUDER, { gateId: 'toestemming-1', besluit: 'weigering' }, AGE(8));
    expect(machine.state.stage).toBe('toewijzing');
    expect(machine.state.toestemmingen?.[0]?.status).toBe('geweigerd');
    expect(machine.events.at(-1)).toMatchObject({ type: 'toestemming.geweigerd', data: { outcome: 'toewijzing_opnieuw', party: 'ouders' } });
    expect(machine.openDeadlines.map((d) => d.rule)).toEqual(['toewijzing']);
    expect(machine.summary().providerId).toBeNull();
    // The loket may choose the onderwijs route instead, which needs no consent to share with jeugdhulp.
    step(machine, 'toewijzing', LOKET, toewijzingBody({ route: 'onderwijs', providerId: undefined }), AGE(8));
    expect(machine.state.stage).toBe('arrangement');
  });

  it('reminds the loket before the term ends and escalates to the loket and the regisseur at its end', () => {
    const machine = submitted(false, secondsPolicy(4, 2, 2));
    step(machine, 'toewijzing', LOKET, toewijzingBody(), AGE(8), NOW);
    machine.takeNotices();
    machine.tick(new Date(NOW.getTime() + 2_500));
    expect(machine.takeNotices().map((n) => [n.kind, n.rule, n.recipient.role])).toEqual([['reminder', 'toestemming', 'loket']]);
    machine.tick(new Date(NOW.getTime() + 6_500));
    expect(machine.takeNotices().map((n) => [n.kind, n.level, n.recipient.role])).toEqual([['escalation', 1, 'loket'], ['escalation', 2, 'regisseur']]);
    expect(machine.summary().escalationLevel).toBe(2);
  });
});

describe('consent gates on an arrangement, and the zienswijze', () => {
  function submittedArrangement(flags: { oppHandelingsdeel?: boolean; tlvAanvraag?: boolean }, age = 10): ReferralMachine {
    const machine = submitted(true);
    step(machine, 'toewijzing', LOKET, toewijzingBody({ route: 'onderwijs', providerId: undefined }), AGE(age));
    step(machine, 'arrangement', SCHOOL, { ...arrangementBody('2027-03-01'), ...flags }, AGE(age));
    return machine;
  }

  it('holds the approval until the parents’ instemming with the OPP handelingsdeel, with a clear refusal', () => {
    const machine = submittedArrangement({ oppHandelingsdeel: true }, 17);
    expect(machine.summary()).toMatchObject({ stage: 'wacht_op_toestemming', arrangementStatus: 'ter_goedkeuring' });
    const refused = domainErrorOf(() => machine.check('approve', command(REGISSEUR, {})));
    expect(refused).toMatchObject({ code: 'STAGE_CONFLICT', message: expect.stringContaining('toestemming-1: oppHandelingsdeel of ouders') });
    // At 17 the pupil is heard, the parents decide until 18.
    expect(domainErrorOf(() => machine.check('toestemming', command(JONGERE, { gateId: 'toestemming-1', besluit: 'toestemming' }, AGE(17)))).message).toMatch(/zienswijze/);
    step(machine, 'zienswijze', JONGERE, { text: 'Ik wil liever op mijn eigen school blijven.' });
    step(machine, 'toestemming', OUDER, { gateId: 'toestemming-1', besluit: 'toestemming' }, AGE(17));
    step(machine, 'toestemming', OTHER_PARENT, { gateId: 'toestemming-1', besluit: 'toestemming' }, AGE(17));
    expect(machine.state.stage).toBe('arrangement');
    step(machine, 'approve', REGISSEUR, {});
    expect(machine.events.at(-1)).toMatchObject({ type: 'arrangement.approved', data: { zienswijzen: 1 } });
    expect(machine.state.arrangements[0]?.zienswijzen).toEqual([expect.objectContaining({ party: 'jongere', text: 'Ik wil liever op mijn eigen school blijven.' })]);
    // The view's text stays on the case: never on the timeline (which goes to the read model and audit log).
    expect(JSON.stringify(machine.events)).not.toContain('eigen school');
  });

  it('rejects the arrangement when a parent refuses to sign the TLV application', () => {
    const machine = submittedArrangement({ tlvAanvraag: true });
    step(machine, 'paperToestemming', REGISSEUR, { ...paper('toestemming-1', 'ouders'), besluit: 'weigering' }, AGE(10));
    expect(machine.summary()).toMatchObject({ stage: 'arrangement', arrangementStatus: 'concept' });
    expect(machine.state.arrangements[0]).toMatchObject({ status: 'afgewezen', decisionNote: expect.stringContaining('tlvAanvraag') });
    expect(machine.openDeadlines).toEqual([]);
  });

  it('lets the regisseur approve without a gate, recording that no zienswijze was given; zienswijze only before the decision', () => {
    const machine = submittedArrangement({});
    expect(machine.state.stage).toBe('arrangement');
    expect(domainErrorCodeOf(() => machine.check('zienswijze', command(REGISSEUR, { text: 'x' })))).toBe('FORBIDDEN');
    step(machine, 'approve', REGISSEUR, {});
    expect(machine.events.at(-1)?.data).not.toHaveProperty('zienswijzen');
    expect(domainErrorCodeOf(() => machine.check('zienswijze', command(OUDER, { text: 'Te laat' })))).toBe('STAGE_CONFLICT');
  });

  it('lets the regisseur reject an arrangement whose instemming is awaited; the gate lapses', () => {
    const machine = submittedArrangement({ oppHandelingsdeel: true });
    step(machine, 'reject', REGISSEUR, { reason: 'Doelen te algemeen' });
    expect(machine.state.toestemmingen?.[0]?.status).toBe('vervallen');
    expect(machine.summary()).toMatchObject({ stage: 'arrangement', arrangementStatus: 'concept' });
  });

  it('tells the parents in plain Dutch what is asked, of whom and by when', () => {
    const machine = submittedArrangement({ oppHandelingsdeel: true });
    step(machine, 'toestemming', OUDER, { gateId: 'toestemming-1', besluit: 'toestemming' }, AGE(10));
    const [asked] = askedToestemmingen([machine.state], { role: 'ouder', sub: OTHER_PARENT.sub }, LATER.getTime());
    expect(asked).toMatchObject({ gateId: 'toestemming-1', question: expect.stringContaining('handelingsdeel'), waitingFor: expect.stringContaining('de ouders met gezag'), yourTurn: true, dueText: expect.stringMatching(/^graag uiterlijk \d+ \w+ 2026$/), overdue: false });
    expect(askedToestemmingen([machine.state], { role: 'ouder', sub: OUDER.sub }, LATER.getTime())[0]?.yourTurn).toBe(false);
  });
});
