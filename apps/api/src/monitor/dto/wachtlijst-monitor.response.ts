import { z } from 'zod';

const days = (what: string) => z.number().int().min(0).nullable().describe(`${what}, in whole days (Europe/Amsterdam); null when none waits`);

const waitingDaysSchema = (kind: 'bruto' | 'netto') =>
  z
    .object({ median: days(`Median ${kind} wait`), p90: days(`90th percentile of the ${kind} wait`), longest: days(`Longest ${kind} wait`) })
    .describe(
      kind === 'bruto'
        ? 'Bruto: every day since the complete aanmelding, with or without overbruggingszorg (DOMAIN-PROVIDERS.md §2.1, kst-31839-51)'
        : 'Netto: the same days without those covered by overbruggingszorg on record, i.e. waiting without any help',
    );

export const wachtlijstFiguresSchema = z
  .object({
    region: z.string(),
    kind: z.string().describe('Kind of aanbod in the catalogue (AANBOD_KINDS); `onbekend` for a list whose aanbod the catalogue does not hold'),
    waiting: z.number().int().min(0).describe('Cases waiting now'),
    waitingWithoutOverbrugging: z.number().int().min(0).describe('Cases waiting now without overbruggingszorg: the historical netto count'),
    bruto: waitingDaysSchema('bruto'),
    netto: waitingDaysSchema('netto'),
    overNorm: z
      .number()
      .min(0)
      .max(1)
      .nullable()
      .describe("Share (0-1) of the waiting cases past their running norm: the policy's `wachttijd` with overbrugging, `wachttijdZonderOverbrugging` without"),
    verlopen: z.number().int().min(0).describe('Entries that lapsed (verlopen): the beschikking or TLV ended while the case waited'),
  })
  .meta({ id: 'WachtlijstFigures' });

/** Aggregates only: no referral ids, no childRef, nothing about a child (issue 11 §4). */
export const wachtlijstMonitorResponseSchema = z
  .object({
    measuredAt: z.iso.datetime().describe('The moment the waits are measured to'),
    groups: z
      .array(wachtlijstFiguresSchema)
      .describe("One entry per region and kind of aanbod with a case waiting or lapsed: the caller's own region for gemeente, leerplicht and loket, every region for admin"),
  })
  .meta({ id: 'WachtlijstMonitor' });
export type WachtlijstMonitorResponseDto = z.output<typeof wachtlijstMonitorResponseSchema>;
export type WachtlijstFiguresDto = z.output<typeof wachtlijstFiguresSchema>;

/** GET /api/monitor/wachtlijsten: admin may narrow to one region; others may name only their own. */
export const wachtlijstMonitorRequestSchema = z
  .object({ region: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be a region id').optional() })
  .strict();
export type WachtlijstMonitorRequestDto = z.output<typeof wachtlijstMonitorRequestSchema>;
