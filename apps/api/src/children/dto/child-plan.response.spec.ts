import { ChildPlanMachine, type PlanReferral } from '@schakel/domain';
import { planReferral, scheduleTransitionBody, SCHOOL, secondsPolicy } from '@schakel/domain/testing';
import { childPlanResponseSchema, toChildPlanResponse } from './child-plan.response';

const NOW = new Date('2026-11-23T09:00:00Z');
const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

function referral(referralId: string, createdAt: string): PlanReferral {
  return planReferral(referralId, { stage: 'toewijzing', regisseurId: null, providerId: null, arrangement: null, createdAt, version: 1 });
}

/** A plan with two overstappen: the first (cancelled) starts later than the second, which is still open. */
function planWithTwoTransitions(): ChildPlanMachine {
  const machine = ChildPlanMachine.open('lln-view-1', 'swv-2801', NOW);
  machine.registerReferral(referral('5b0c3a4e-2f1d-4c8b-9a7e-1d2c3b4a5f60', NOW.toISOString()), NOW);
  const schedule = (startDate: string, when: Date) =>
    machine.apply('scheduleTransition', { actor: SCHOOL, requestId: 'req-schedule', policy: secondsPolicy(), body: scheduleTransitionBody(startDate) }, when);
  schedule(at(600).toISOString(), at(1));
  machine.apply('cancelTransition', { actor: SCHOOL, transitionId: 'overstap-1', body: { reason: 'Andere school gekozen' } }, at(2));
  schedule(at(300).toISOString(), at(3));
  return machine;
}

describe('toChildPlanResponse', () => {
  it('shows each overstap’s policy version, never the policy it keeps', () => {
    const machine = planWithTwoTransitions();
    const view = toChildPlanResponse(machine.state, machine.events);
    for (const transition of view.transitions) {
      expect(transition).not.toHaveProperty('policy');
      expect(transition.policyVersion).toBe(secondsPolicy().version);
    }
    // The workflow's state itself is left as it was.
    expect(machine.state.transitions[0]).toHaveProperty('policy');
  });

  it('puts overstappen by start date and open deadlines by due date, with the transition they belong to', () => {
    const machine = planWithTwoTransitions();
    const view = toChildPlanResponse(machine.state, machine.events);
    expect(view.transitions.map((t) => [t.transitionId, t.status])).toEqual([
      ['overstap-2', 'gepland'],
      ['overstap-1', 'geannuleerd'],
    ]);
    expect(view.openDeadlines.map((d) => [d.rule, d.transitionId])).toEqual([['overstapBevestiging', 'overstap-2']]);
    const dueAts = view.openDeadlines.map((d) => Date.parse(d.dueAt));
    expect(dueAts).toEqual([...dueAts].sort((a, b) => a - b));
  });

  it('lists the timeline in recorded order, naming who did each step and through which request', () => {
    const machine = planWithTwoTransitions();
    const view = toChildPlanResponse(machine.state, [...machine.events].reverse());
    expect(view.timeline.map((e) => e.type)).toEqual(['plan.opened', 'referral.registered', 'transition.scheduled', 'transition.cancelled', 'transition.scheduled']);
    expect(view.timeline[2]).toEqual(expect.objectContaining({ requestId: 'req-schedule', actor: { sub: SCHOOL.sub, role: 'school', org: SCHOOL.org } }));
    expect(view.links).toEqual({ self: '/api/children/lln-view-1/plan' });
    expect(view.referrals[0]?.links).toEqual({ self: '/api/referrals/5b0c3a4e-2f1d-4c8b-9a7e-1d2c3b4a5f60' });
  });

  it('answers with a body its own OpenAPI schema accepts', () => {
    const machine = planWithTwoTransitions();
    expect(childPlanResponseSchema.safeParse(toChildPlanResponse(machine.state, machine.events)).error).toBeUndefined();
  });
});
