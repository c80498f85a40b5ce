import { DomainError } from '../errors/domain-error';
import { judgeAanbodFit, type AanbodFitFacts } from '../provider/aanbod-fit.rule';
import type { AanbodRoute, AanbodSector } from '../provider/aanbod.schema';
import type { ResolvedWachtlijstPolicy } from '../wachtlijst/wachtlijst-policy.resolver';

/**
 * What the API looked up for a toewijzing that names an aanbod (issue 11 §2): the catalogue's facts the fit
 * judgement reads, the places the list starts with, the list's policy, and the child's age in whole years. The
 * workflow never reads the catalogue or the personal details itself (CONVENTIONS.md 5), so it judges this
 * snapshot, taken when the step was asked. The date of birth never travels: only the whole years.
 */
export interface ToewijzingAanbod extends AanbodFitFacts {
  id: string;
  /** The aanbieder's code: it becomes the toewijzing's providerId (the provider's staff carry it as `org`). */
  aanbiederCode: string;
  capacity: number;
  placesTaken: number;
}

export interface ToewijzingPlacement {
  aanbod: ToewijzingAanbod;
  /** Null when no date of birth is recorded: the age is then not judged (the other criteria are). */
  ageInYears: number | null;
  /** The wachtlijst section of the policy for the aanbod's region, for a list that does not run yet. */
  wachtlijstPolicy: ResolvedWachtlijstPolicy;
  /**
   * Set by the workflow once the aanbod's wachtlijst answered (never by the API): a place at once, or a place
   * in the queue. The machine moves the case to `arrangement` or `wacht_op_plaats` by it.
   */
  outcome?: PlacementOutcome;
}

export interface PlacementOutcome {
  status: 'toegelaten' | 'wachtend';
  admissionId?: string;
  /** 1-based, when waiting. */
  position?: number;
}

/** Where the case stands with the aanbod of its toewijzing; kept on the toewijzing. */
export interface ToewijzingPlace {
  aanbodId: string;
  status: 'wachtend' | 'toegelaten';
  /** The list's admission that gave the place (absent until the list told the referral). */
  admissionId?: string;
  since: string;
}

/** What the case contributes to the fit judgement. */
export interface PlacementCaseFacts {
  route: AanbodRoute;
  region: string;
  sector: AanbodSector;
}

/**
 * The toewijzing's validator for a named aanbod: the snapshot must be the aanbod named, and the aanbod must fit
 * the case by the catalogue's own rule (judgeAanbodFit). A misfit is refused as AANBOD_MISFIT naming `aanbodId`,
 * with every reason; a full aanbod fits (the case waits for a place).
 */
export function assertPlacementFits(aanbodId: string, placement: ToewijzingPlacement | undefined, facts: PlacementCaseFacts): void {
  if (placement === undefined || placement.aanbod.id !== aanbodId) {
    throw new DomainError('VALIDATION_FAILED', 'Invalid request: aanbodId: the aanbod was not looked up in the catalogue', [
      { field: 'aanbodId', message: 'was not looked up in the catalogue' },
    ]);
  }
  const { ageInYears } = placement;
  // Unknown age: judged at an age inside the aanbod's range, so only route, region, sector and retirement decide.
  const misfits = judgeAanbodFit(placement.aanbod, { ...facts, ageInYears: ageInYears ?? placement.aanbod.ages.from });
  if (misfits.length === 0) return;
  throw new DomainError(
    'AANBOD_MISFIT',
    `The aanbod does not fit this case: ${misfits.map((m) => m.message).join('; ')}`,
    misfits.map((m) => ({ field: 'aanbodId', message: `${m.criterion}: ${m.message}` })),
  );
}
