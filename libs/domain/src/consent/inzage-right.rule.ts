import type { ParticipantRole } from '../actor/actor';
import { ageBandOf } from './child-age.rule';

/**
 * Who may exercise the child's rights of inzage (AVG art. 15) and to information about the child's path, by
 * the child's age. A right, not a consent: each holder may exercise it alone.
 * - under 12: the parents with gezag;
 * - 12 to 15: the parents (who keep a right to information until 16) and the child, who from 12 exercises their
 *   own dossier rights — inspection, copy, correction, destruction (DOMAIN.md §3.2; nvo.nl, kwadraad.nl);
 * - 16 and over: the young person alone (DOMAIN-PROVIDERS.md §4.3, "parents (child < 16) or the pupil (16+)";
 *   poraad.nl, verus.nl).
 * `ageYears` null: no date of birth is on record; the gezag the identity provider put in the token decides, and
 * the token's role says who is asking.
 */
export function mayExerciseInzage(role: ParticipantRole, ageYears: number | null): boolean {
  if (ageYears === null) return true;
  const band = ageBandOf(ageYears);
  if (role === 'ouder') return band === 'onder12' || band === 'twaalfTotZestien';
  return band !== 'onder12';
}

/** Why a participant may not (yet, or any longer) exercise the right: for the 403's message. */
export function inzageRefusalReason(role: ParticipantRole): string {
  return role === 'ouder'
    ? 'From the age of 16 the young person exercises the rights of inzage and information about their own file, not the parents (AVG art. 15; DOMAIN.md §3.2)'
    : 'Under the age of 12 the parents with gezag exercise the rights of inzage for the child (AVG art. 15; DOMAIN.md §3.2)';
}
