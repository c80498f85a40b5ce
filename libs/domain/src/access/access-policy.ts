import type { Role } from '../actor/actor';

/**
 * Relative to what a case is about, who a rule lets through (issue 5 §2). Each scope is one predicate in
 * case-scope.predicates.ts and one SQL condition where lists are filtered; a reviewer reads the table
 * below, not the code.
 */
export const ACCESS_SCOPES = {
  ownSchool: "the case's school (its BRIN, or the board code of its vestigingen)",
  sendingSchool: 'the school the pupil leaves in an overstap',
  sendingVoorschool: 'the voorschool (a provider organisation) the toddler leaves in a voorschool → PO overstap',
  receivingSchool: 'the school the pupil goes to in an overstap',
  receivingSchoolAfterAanmelding: 'the receiving school, once the aanmelding is on record (OSO: no selectie aan de poort)',
  region: "the loket's or leerplicht's own region (SWV)",
  assignedRegisseur: "the case's (the child's) regisseur",
  allocatedProvider: 'the provider the case is allocated to',
  thuiszitterInRegion: 'a case of the own region whose pupil is a thuiszitter (or an overstap at risk of one)',
  regionAggregates: 'counts of the own region, no case content',
  allRegions: 'counts of every region, no case content',
  anyone: 'every authenticated person (no case content)',
  self: "the caller's own items",
  ownOrganisation: "the caller's own organisation",
  ownChild: "a child the caller's token names: for an ouder the children they hold gezag over, for a jongere themselves",
} as const;
export type AccessScope = keyof typeof ACCESS_SCOPES;

type Rule = Readonly<Partial<Record<Role, readonly AccessScope[]>>>;

/**
 * THE access policy: action × role → the scopes in which the role may take the action. Absent: never.
 * Enforced in one place per layer: the API's guard admits only roles listed for an endpoint's action,
 * the domain's `permits` decides the scope on the live case (Update validators and reads alike), and
 * the work list's SQL is generated from the same scopes. Outside every `view` scope a case answers 404,
 * so its existence does not leak.
 */
export const ACCESS_POLICY = {
  // A referral (issue 2).
  'referral.submit': { school: ['ownSchool'] },
  // Parents and the young person see their own child's cases (issue 11 §6); they take no step through these endpoints.
  'referral.view': { school: ['ownSchool'], loket: ['region'], regisseur: ['assignedRegisseur'], provider: ['allocatedProvider'], leerplicht: ['thuiszitterInRegion'], ouder: ['ownChild'], jongere: ['ownChild'] },
  'referral.toewijzing': { loket: ['region'] },
  'referral.arrangement': { school: ['ownSchool'], provider: ['allocatedProvider'] },
  'referral.approve': { regisseur: ['assignedRegisseur'] },
  'referral.reject': { regisseur: ['assignedRegisseur'] },
  'referral.evaluate': { regisseur: ['assignedRegisseur'] },
  'referral.withdraw': { school: ['ownSchool'], loket: ['region'], regisseur: ['assignedRegisseur'] },
  // Opschorten, hervatten, verlengen: whoever coordinates (issue 3 §3).
  'referral.deadline': { loket: ['region'], regisseur: ['assignedRegisseur'] },
  // Leerplicht handhaaft in its region: it may report any pupil there (DOMAIN.md §2).
  'referral.reportThuiszitter': { school: ['ownSchool'], loket: ['region'], leerplicht: ['region'] },
  // Overbruggingszorg while a case waits for a place (issue 11 §4): recorded by whoever coordinates the case.
  'referral.overbrugging': { loket: ['region'], regisseur: ['assignedRegisseur'] },
  // The consent gates and the zienswijze (issue 11 §6, ADR 0019): the parents and the young person answer for
  // their own child only; staff who coordinate the case record a signed paper form (the loket asks the family,
  // the regisseur directs the case). Schools and providers neither give nor record consent in Schakel.
  'referral.toestemming': { ouder: ['ownChild'], jongere: ['ownChild'] },
  'referral.paperToestemming': { loket: ['region'], regisseur: ['assignedRegisseur'] },
  'referral.zienswijze': { ouder: ['ownChild'], jongere: ['ownChild'] },

  // The child's plan and its overstappen (issue 4).
  'plan.view': { school: ['ownSchool', 'sendingSchool', 'receivingSchoolAfterAanmelding'], loket: ['region'], regisseur: ['assignedRegisseur'], leerplicht: ['thuiszitterInRegion'], ouder: ['ownChild'], jongere: ['ownChild'], provider: ['sendingVoorschool'] },
  'plan.schedule': { school: ['ownSchool'], loket: ['region'], regisseur: ['assignedRegisseur'] },
  'plan.aanmelding': { school: ['receivingSchool'], loket: ['region'] },
  'plan.overdracht': { school: ['sendingSchool'] },
  'plan.tlvApplication': { school: ['sendingSchool'], loket: ['region'] },
  // The samenwerkingsverband issues TLVs (DOMAIN.md §1.3).
  'plan.tlvDecision': { loket: ['region'] },
  // The receiving board holds the zorgplicht and decides on admission (DOMAIN.md §1.1).
  'plan.admission': { school: ['receivingSchool'] },
  'plan.warmeOverdracht': { school: ['sendingSchool', 'receivingSchool'], regisseur: ['assignedRegisseur'], provider: ['sendingVoorschool'] },
  // The voorschool → PO overstap (issue 11 §5): the voorschool is a provider organisation, not a school (no BRIN,
  // no OSO). It records the parents' written consent (as the loket may, from a paper form) and sends its overdracht.
  'plan.voorschoolConsent': { provider: ['sendingVoorschool'], loket: ['region'] },
  'plan.voorschoolOverdracht': { provider: ['sendingVoorschool'] },
  'plan.arrangements': { loket: ['region'], regisseur: ['assignedRegisseur'] },
  'plan.confirm': { loket: ['region'], regisseur: ['assignedRegisseur'] },
  'plan.cancel': { school: ['sendingSchool'], loket: ['region'], regisseur: ['assignedRegisseur'] },
  'plan.handover': { loket: ['region'], regisseur: ['assignedRegisseur'] },
  // The receiving board extends its own zorgplicht term; the domain narrows a school to that rule.
  'plan.deadline': { school: ['receivingSchool'], loket: ['region'], regisseur: ['assignedRegisseur'] },

  // The child's name and the parents' contact details (issue 5 §3), stored once outside the process: for
  // whoever must address the child or the family — not for figures, operations or the FG.
  'personalDetails.view': { school: ['ownSchool', 'sendingSchool', 'receivingSchoolAfterAanmelding'], loket: ['region'], regisseur: ['assignedRegisseur'], provider: ['allocatedProvider'], leerplicht: ['thuiszitterInRegion'] },
  'personalDetails.write': { school: ['ownSchool'], loket: ['region'], regisseur: ['assignedRegisseur'] },

  // The parents' part (issue 11 §6, ADR 0016): the child's path in plain Dutch, and inzage (AVG art. 15) in
  // everything Schakel holds about the child. Who of parents and child may exercise the right at the child's
  // age is the consent rule's (libs/domain/src/consent): parents until 16, the child from 12 (DOMAIN.md §3.2).
  'child.overzicht': { ouder: ['ownChild'], jongere: ['ownChild'] },
  'child.dossier': { ouder: ['ownChild'], jongere: ['ownChild'] },
  // Open requests of inzage and their one-month term (AVG art. 12(3)), by child reference only: the loket of the
  // child's region follows them up, the functionaris gegevensbescherming oversees every region's.
  'inzage.list': { loket: ['region'], fg: ['allRegions'] },

  // The provider catalogue (issue 11 §1): aanbieders and their aanbod, no case content and no personal data.
  // Everyone who assigns, refers or is assigned reads it; the loket keeps its own region's aanbod up to date, as
  // the samenwerkingsverband assigns to it (DOMAIN-PROVIDERS.md §1.5), and admin keeps every region's.
  'provider.view': { school: ['anyone'], loket: ['anyone'], regisseur: ['anyone'], provider: ['anyone'], leerplicht: ['anyone'], gemeente: ['anyone'], admin: ['anyone'], fg: ['anyone'] },
  'provider.manage': { loket: ['region'], admin: ['allRegions'] },

  // Figures and the system itself: no case content.
  'monitor.thuiszitters': { gemeente: ['regionAggregates'], leerplicht: ['regionAggregates'], loket: ['regionAggregates'], admin: ['allRegions'] },
  // Waiting-list figures (issue 11 §4): aggregates per region and kind of aanbod, like the thuiszitter figures.
  'monitor.wachtlijsten': { gemeente: ['regionAggregates'], leerplicht: ['regionAggregates'], loket: ['regionAggregates'], admin: ['allRegions'] },
  'policy.read': { school: ['anyone'], loket: ['anyone'], regisseur: ['anyone'], provider: ['anyone'], leerplicht: ['anyone'], gemeente: ['anyone'], admin: ['anyone'], fg: ['anyone'] },
  'notifications.read': { school: ['self'], loket: ['self'], regisseur: ['self'], provider: ['self'], leerplicht: ['self'], gemeente: ['self'], admin: ['self'], fg: ['self'], ouder: ['self'], jongere: ['self'] },
  // Who looked at or changed a case (AVG accountability): operations and the data-protection officer.
  'audit.read': { admin: ['allRegions'], fg: ['allRegions'] },
  'webhooks.manage': { school: ['ownOrganisation'], loket: ['ownOrganisation'], regisseur: ['ownOrganisation'], provider: ['ownOrganisation'], leerplicht: ['ownOrganisation'], gemeente: ['ownOrganisation'] },
} as const satisfies Record<string, Rule>;

export type AccessAction = keyof typeof ACCESS_POLICY;
export const ACCESS_ACTIONS = Object.keys(ACCESS_POLICY) as AccessAction[];

/** The scopes in which `role` may take `action`; empty: never. */
export function scopesOf(action: AccessAction, role: Role): readonly AccessScope[] {
  return (ACCESS_POLICY[action] as Rule)[role] ?? [];
}

/** The roles that may take `action` in some scope: what the API's guard admits for an endpoint. */
export function rolesFor(action: AccessAction): Role[] {
  return Object.keys(ACCESS_POLICY[action]) as Role[];
}
