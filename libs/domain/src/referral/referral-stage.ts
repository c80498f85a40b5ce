/**
 * The stages of one referral (DESIGN.md, "Workflows"). A stage names the phase the case is in; the
 * arrangement stage has its own status because drafting and approval are different people's work.
 */
export const REFERRAL_STAGES = [
  'gesignaleerd',
  'toewijzing',
  /** The toewijzing named a full aanbod: the case is on its wachtlijst until the list admits it (issue 11 §2). */
  'wacht_op_plaats',
  /**
   * A gated step waits for the parents' or the young person's toestemming (issue 11 §6, ADR 0019): a toewijzing
   * to jeugdhulp before the provider sees the case, or an arrangement before the regisseur may approve it.
   */
  'wacht_op_toestemming',
  'arrangement',
  'uitvoering',
  'evaluatie',
  'afgesloten',
  'ingetrokken',
] as const;
export type ReferralStage = (typeof REFERRAL_STAGES)[number];

export const CLOSED_STAGES: readonly ReferralStage[] = ['afgesloten', 'ingetrokken'];

export function isOpenStage(stage: ReferralStage): boolean {
  return !CLOSED_STAGES.includes(stage);
}

/** concept: waiting for a draft (again, after a rejection or bijstellen); ter_goedkeuring: waiting for the regisseur. */
export const ARRANGEMENT_STATUSES = ['concept', 'ter_goedkeuring', 'goedgekeurd', 'afgewezen', 'vervangen'] as const;
export type ArrangementStatus = (typeof ARRANGEMENT_STATUSES)[number];
