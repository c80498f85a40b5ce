import { ageBandOf, type AgeBand } from './child-age.rule';

/**
 * Who must give toestemming (or instemming) for a decision about a child, by the child's age. Pure rules,
 * exported for the consent gates of the referral and child-plan workflows (issue 11 §6) and for the API.
 *
 * Sources (paraphrased in ../shared/DOMAIN.md §3.2 and DOMAIN-PROVIDERS.md §4.1):
 * - Sharing data across organisations under professional secrecy: < 12 the parents (or guardian); 12-15 the
 *   child AND the parents; 16+ the young person alone; exceptions when safety is at stake (kwadraad.nl, nvo.nl
 *   "beslist 12-jarige zelf over informatieverstrekking", cvp.ggzcentraal.nl) [H].
 * - Jeugdhulp itself follows the same bands ("Jeugdhulp plan: per age rules", DOMAIN-PROVIDERS.md §4.1), the
 *   Jeugdwet's own rule (art. 7.3.4 Jeugdwet, after art. 7:450 BW for medical treatment).
 * - OPP handelingsdeel: instemming of the parents since 1 August 2017 (WPO art. 40a, WVO art. 26, WEC art. 41a;
 *   DOMAIN.md §1.2) or, in their place, the pupil once adult and legally competent; the pupil gets a hoorrecht
 *   (bill 36443, DOMAIN-PROVIDERS.md §4.2; entry into force [unverified]).
 * - TLV application: at least one parent with gezag signs (DOMAIN.md §3.1, lbvso.nl); a pupil of 16+ may lodge
 *   bezwaar against the decision (DOMAIN.md §1.3).
 * - MBO extra support agreements: a student of 16+ agrees alone, under 16 a parent must also agree
 *   (DOMAIN.md §1.13).
 * - Voorschool → basisschool overdracht: written consent of the parents; the VE programme and its duration
 *   pass regardless (DOMAIN-PROVIDERS.md §3.3). The child is under 4, so the parents always decide.
 */
export const CONSENT_DECISIONS = ['gegevensdeling', 'jeugdhulp', 'oppHandelingsdeel', 'tlvAanvraag', 'mboOndersteuning', 'voorschoolOverdracht'] as const;
export type ConsentDecision = (typeof CONSENT_DECISIONS)[number];

/** The parents with gezag (one or all of them, see `parents`), and the child or young person. */
export type ConsentParty = 'ouders' | 'jongere';

export interface ConsentRequirement {
  decision: ConsentDecision;
  band: AgeBand;
  /** Everyone listed must agree. */
  required: readonly ConsentParty[];
  /** When `required` holds 'ouders': does one parent with gezag suffice, or must every parent with gezag agree. */
  parents: 'one' | 'all' | null;
  /** Must be heard before the decision, without a veto. */
  heard: readonly ConsentParty[];
  /** May lodge bezwaar against the decision once made. */
  mayObject: readonly ConsentParty[];
}

type Rule = Omit<ConsentRequirement, 'decision' | 'band'>;

const PARENTS_DECIDE: Rule = { required: ['ouders'], parents: 'all', heard: [], mayObject: [] };
const TOGETHER: Rule = { required: ['ouders', 'jongere'], parents: 'all', heard: [], mayObject: [] };
const YOUNG_PERSON: Rule = { required: ['jongere'], parents: null, heard: [], mayObject: [] };

/**
 * The bands of the Jeugdwet and the professional-secrecy rules. Joint gezag means both parents: the
 * Jeugdwet asks the consent of "de ouders die het gezag uitoefenen" (art. 7.3.4), and Schakel does not
 * presume one parent speaks for the other.
 */
const BY_AGE: Record<AgeBand, Rule> = { onder12: PARENTS_DECIDE, twaalfTotZestien: TOGETHER, zestienTotAchttien: YOUNG_PERSON, meerderjarig: YOUNG_PERSON };

const RULES: Record<ConsentDecision, Record<AgeBand, Rule>> = {
  gegevensdeling: BY_AGE,
  jeugdhulp: BY_AGE,
  // School law runs to majority: the parents consent until the pupil is 18 (the adult, competent pupil then
  // decides); the pupil is heard at every age (hoorrecht, bill 36443).
  oppHandelingsdeel: {
    onder12: { ...PARENTS_DECIDE, heard: ['jongere'] },
    twaalfTotZestien: { ...PARENTS_DECIDE, heard: ['jongere'] },
    zestienTotAchttien: { ...PARENTS_DECIDE, heard: ['jongere'] },
    meerderjarig: { ...YOUNG_PERSON },
  },
  // "At least one parent with gezag signs"; from 16 the pupil may object to the TLV.
  tlvAanvraag: {
    onder12: { required: ['ouders'], parents: 'one', heard: [], mayObject: ['ouders'] },
    twaalfTotZestien: { required: ['ouders'], parents: 'one', heard: [], mayObject: ['ouders'] },
    zestienTotAchttien: { required: ['ouders'], parents: 'one', heard: [], mayObject: ['ouders', 'jongere'] },
    meerderjarig: { required: ['jongere'], parents: null, heard: [], mayObject: ['jongere'] },
  },
  // "Under 16 a parent must also agree": the student and one parent.
  mboOndersteuning: {
    onder12: { required: ['ouders', 'jongere'], parents: 'one', heard: [], mayObject: [] },
    twaalfTotZestien: { required: ['ouders', 'jongere'], parents: 'one', heard: [], mayObject: [] },
    zestienTotAchttien: YOUNG_PERSON,
    meerderjarig: YOUNG_PERSON,
  },
  voorschoolOverdracht: { onder12: PARENTS_DECIDE, twaalfTotZestien: PARENTS_DECIDE, zestienTotAchttien: PARENTS_DECIDE, meerderjarig: PARENTS_DECIDE },
};

/** Whose toestemming a decision about a child of this age needs. */
export function consentRequiredFor(decision: ConsentDecision, ageYears: number): ConsentRequirement {
  const band = ageBandOf(ageYears);
  return { decision, band, ...RULES[decision][band] };
}

/** What has been given so far: by the young person, and by how many of the parents with gezag. */
export interface ConsentGiven {
  jongere: boolean;
  parentsWithGezag: number;
  parentsConsenting: number;
}

/**
 * Whether the consent given suffices. A child without a parent with gezag (a voogd is recorded as a parent
 * with gezag) cannot complete a parents' consent: the gate stays closed and escalates, it is never skipped.
 */
export function isConsentComplete(requirement: ConsentRequirement, given: ConsentGiven): boolean {
  if (given.parentsConsenting > given.parentsWithGezag || given.parentsConsenting < 0) throw new RangeError('more parents consenting than parents with gezag');
  return requirement.required.every((party) => {
    if (party === 'jongere') return given.jongere;
    if (given.parentsWithGezag === 0) return false;
    return requirement.parents === 'one' ? given.parentsConsenting >= 1 : given.parentsConsenting === given.parentsWithGezag;
  });
}

/** The parties whose consent is still missing, for a gate's message ("wacht op toestemming van ..."). */
export function missingConsent(requirement: ConsentRequirement, given: ConsentGiven): ConsentParty[] {
  return requirement.required.filter((party) => !isConsentComplete({ ...requirement, required: [party] }, given));
}
