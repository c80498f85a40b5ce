import { z } from 'zod';
import { CALENDAR_DATE } from '../time/amsterdam-time';

/** Bodies of the steps people take on a running deadline (issue 3 §3, §4). Shared by the API and the Update validators. */

const reason = z.string().trim().min(1, 'must not be empty').max(1000, 'must be at most 1000 characters');

/** Opschorten: the term stops running, e.g. while documents are awaited (Awb 4:15 — CALENDAR.md §5). */
export const pauseDeadlineRequestSchema = z.object({ reason }).strict();
export type PauseDeadlineRequest = z.infer<typeof pauseDeadlineRequestSchema>;

export const resumeDeadlineRequestSchema = z.object({ note: reason.optional() }).strict();
export type ResumeDeadlineRequest = z.infer<typeof resumeDeadlineRequestSchema>;

/** Verlengen of a term, only where the rule allows it (e.g. zorgplicht: once, at most 4 weeks — DOMAIN.md §1.1). */
export const extendDeadlineRequestSchema = z
  .object({
    amount: z.number().int('must be a whole number').positive('must be more than 0'),
    unit: z.enum(['seconden', 'kalenderdagen', 'werkdagen', 'weken', 'schoolweken']),
    reason,
  })
  .strict();
export type ExtendDeadlineRequest = z.infer<typeof extendDeadlineRequestSchema>;

/**
 * A pupil becomes a thuiszitter: langdurig relatief verzuim (enrolled, unauthorised absence of 4 weeks
 * or more) or absoluut verzuim (not enrolled) — DOMAIN.md §1.7.
 */
export const THUISZITTER_KINDS = ['langdurig_relatief_verzuim', 'absoluut_verzuim'] as const;
export const reportThuiszitterRequestSchema = z.object({ since: CALENDAR_DATE, kind: z.enum(THUISZITTER_KINDS) }).strict();
export type ReportThuiszitterRequest = z.infer<typeof reportThuiszitterRequestSchema>;

/** A deadline's id as the case state shows it: `<rule>-<n>`, e.g. `toewijzing-1`. */
export const DEADLINE_ID = z.string().regex(/^[a-zA-Z]+-\d+$/, 'must be a deadline id such as toewijzing-1');

/** The commands the workflow receives: the request body plus the deadline it is about (a path parameter in the API). */
export const pauseDeadlineCommandSchema = pauseDeadlineRequestSchema.extend({ deadlineId: DEADLINE_ID });
export const resumeDeadlineCommandSchema = resumeDeadlineRequestSchema.extend({ deadlineId: DEADLINE_ID });
export const extendDeadlineCommandSchema = extendDeadlineRequestSchema.extend({ deadlineId: DEADLINE_ID });
