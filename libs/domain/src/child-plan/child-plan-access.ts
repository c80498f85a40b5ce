import type { Actor } from '../actor/actor';
import { DomainError } from '../errors/domain-error';
import type { ChildPlanState, Transition } from './child-plan-state';

export type ChildPlanAction =
  | 'view'
  | 'schedule'
  | 'aanmelding'
  | 'overdracht'
  | 'tlvApplication'
  | 'tlvDecision'
  | 'admission'
  | 'warmeOverdracht'
  | 'arrangements'
  | 'confirm'
  | 'cancel'
  | 'handover'
  | 'deadline';

function isSchool(actor: Actor, brin: string | undefined): boolean {
  if (actor.role !== 'school' || actor.org === undefined || brin === undefined) return false;
  return brin === actor.org || (actor.org.length === 4 && brin.startsWith(actor.org));
}

const isOpen = (t: Transition) => t.status === 'gepland' || t.status === 'bevestigd';

/**
 * Who is involved in a child's plan and may see it (issue 4 §3): the current school, the sending
 * school of an open overstap, a receiving school once the aanmelding is on record (OSO: no
 * "selectie aan de poort" — DOMAIN.md §1.10), the school of an open referral, the loket of the
 * region, the current regisseur, and leerplicht for a thuiszitter or an overstap at risk. Former
 * schools and regisseurs lose sight of it (data minimisation); everyone else gets 404.
 */
export function isInvolvedInPlan(actor: Actor, plan: ChildPlanState): boolean {
  switch (actor.role) {
    case 'school':
      return (
        isSchool(actor, plan.school?.brin) ||
        plan.referrals.some((r) => r.closedAt === null && isSchool(actor, r.school.brin)) ||
        plan.transitions.some((t) => isOpen(t) && (isSchool(actor, t.from.brin) || (t.aanmelding !== undefined && isSchool(actor, t.to.brin))))
      );
    case 'loket':
      return actor.region === plan.region;
    case 'regisseur':
      return plan.regisseur !== null && actor.sub === plan.regisseur.regisseurId;
    case 'leerplicht':
      return (
        actor.region === plan.region &&
        (plan.referrals.some((r) => r.closedAt === null && r.thuiszitter) ||
          plan.transitions.some((t) => isOpen(t) && t.deadlines.some((d) => d.rule === 'overstapBevestiging' && d.level > 0 && d.closedAt === undefined)))
      );
    case 'provider':
    case 'gemeente':
    case 'admin':
      return false;
  }
}

function mayAct(actor: Actor, plan: ChildPlanState, action: ChildPlanAction, transition: Transition | undefined): boolean {
  const loket = actor.role === 'loket' && actor.region === plan.region;
  const regisseur = actor.role === 'regisseur' && plan.regisseur !== null && actor.sub === plan.regisseur.regisseurId;
  const sending = isSchool(actor, transition?.from.brin);
  const receiving = isSchool(actor, transition?.to.brin);
  switch (action) {
    case 'view':
      return isInvolvedInPlan(actor, plan);
    case 'schedule':
      return loket || regisseur || (actor.role === 'school' && isInvolvedInPlan(actor, plan));
    case 'aanmelding':
      return receiving || loket;
    case 'overdracht':
      return sending;
    case 'tlvApplication':
      return sending || loket;
    // The samenwerkingsverband issues TLVs (DOMAIN.md §1.3, §2).
    case 'tlvDecision':
      return loket;
    // The receiving board holds the zorgplicht and decides on admission (DOMAIN.md §1.1).
    case 'admission':
      return receiving;
    case 'warmeOverdracht':
      return sending || receiving || regisseur;
    case 'arrangements':
    case 'confirm':
      return regisseur || loket;
    case 'cancel':
      return sending || regisseur || loket;
    case 'handover':
      return regisseur || loket;
    case 'deadline':
      return regisseur || loket || receiving;
  }
}

/**
 * Throws unless the actor may take the action: NOT_FOUND outside the plan (so a child's existence does
 * not leak), FORBIDDEN for an involved person whose role may not. A receiving school may record the
 * aanmelding (and act on its overstap) before it can see the rest of the plan.
 */
export function assertMayOnPlan(actor: Actor, plan: ChildPlanState, action: ChildPlanAction, transition?: Transition): void {
  const receiving = transition !== undefined && isSchool(actor, transition.to.brin) && isOpen(transition);
  if (!isInvolvedInPlan(actor, plan) && !receiving) throw new DomainError('NOT_FOUND', 'Child plan not found');
  if (!mayAct(actor, plan, action, transition)) throw new DomainError('FORBIDDEN', `Role ${actor.role} may not ${action} in this child's plan`);
}
