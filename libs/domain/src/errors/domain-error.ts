/**
 * Every failure the domain can report carries one of these codes. The API maps each code to one HTTP
 * status in a single filter; workflow Update validators throw them as ApplicationFailure types, so the
 * code survives the trip through Temporal unchanged.
 */
export const DOMAIN_ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_ASSIGNED_REGISSEUR',
  'NOT_FOUND',
  'STAGE_CONFLICT',
  'IDEMPOTENCY_KEY_REUSED',
  /** A deadline rule refuses the step, e.g. a second extension of the zorgplicht term. */
  'DEADLINE_RULE',
  /** A calendar question about a date outside the dated data (school vacations, gelijkgestelde dagen) — CALENDAR.md §8.4. */
  'CALENDAR_OUT_OF_RANGE',
  /** A child already has another regisseur: één kind, één regisseur; a change is an explicit handover (issue 4 §1). */
  'REGISSEUR_CONFLICT',
  /** A write named a version (If-Match) that is no longer the stored one: someone else changed it first. */
  'VERSION_CONFLICT',
  /** The aanbod a toewijzing names does not fit the case (route, region, wijk, sector, age, retired) — issue 11 §2. */
  'AANBOD_MISFIT',
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export interface FieldIssue {
  /** Dotted path of the offending field in the request body, e.g. `school.brin` or `goals.0`. */
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function isDomainErrorCode(value: unknown): value is DomainErrorCode {
  return typeof value === 'string' && (DOMAIN_ERROR_CODES as readonly string[]).includes(value);
}
