import { z } from 'zod';

/** Sectors of Dutch education a referral can come from (DOMAIN.md §1.3, §1.10-1.13). */
export const SCHOOL_SECTORS = ['PO', 'SBO', 'SO', 'VO', 'PRO', 'VSO', 'MBO'] as const;
export type SchoolSector = (typeof SCHOOL_SECTORS)[number];

/**
 * BRIN: two digits and two letters identify the institution, two optional digits the vestiging
 * (DUO's registration number; e.g. 12AB or 12AB01).
 */
export const BRIN = z.string().regex(/^\d{2}[A-Z]{2}(\d{2})?$/, 'must be a BRIN code: two digits, two capital letters, optionally two digits (e.g. 12AB or 12AB01)');

export const schoolSchema = z.object({
  brin: BRIN,
  sector: z.enum(SCHOOL_SECTORS),
});
export type School = z.infer<typeof schoolSchema>;
