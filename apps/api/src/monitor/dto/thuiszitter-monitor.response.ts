import { z } from 'zod';
import { THUISZITTER_DURATION_BUCKET_DESCRIPTIONS, THUISZITTER_DURATION_BUCKETS, type ThuiszitterDurationBucket } from '../thuiszitter-duration.bucket';

const count = (bucket: ThuiszitterDurationBucket) => z.number().int().min(0).describe(THUISZITTER_DURATION_BUCKET_DESCRIPTIONS[bucket]);

export const thuiszitterCountsSchema = z
  .object({
    minder_dan_4_weken: count('minder_dan_4_weken'),
    '4_tot_8_weken': count('4_tot_8_weken'),
    '8_weken_tot_3_maanden': count('8_weken_tot_3_maanden'),
    '3_maanden_of_langer': count('3_maanden_of_langer'),
    total: z.number().int().min(0).describe('Every open referral flagged thuiszitter'),
  })
  .meta({ id: 'ThuiszitterCounts' });

/** Counts only: no referral ids, no childRef, nothing about a pupil (issue 3 §4, "no personal data"). */
export const thuiszitterMonitorResponseSchema = z
  .object({
    measuredOn: z.iso.date().describe('The day (Europe/Amsterdam) the durations are measured to'),
    buckets: z
      .array(z.enum(THUISZITTER_DURATION_BUCKETS))
      .describe(
        'The duration buckets in order, counted in whole days from the first day at home (thuiszitter since) to measuredOn: ' +
          THUISZITTER_DURATION_BUCKETS.map((bucket) => `${bucket} = ${THUISZITTER_DURATION_BUCKET_DESCRIPTIONS[bucket]}`).join('; ') +
          '. 4 weeks and 3 months are the thuiszitter definition and the Thuiszitterspact horizon.',
      ),
    regions: z
      .array(z.object({ region: z.string(), counts: thuiszitterCountsSchema }))
      .describe("One entry per region: the caller's own region for gemeente, leerplicht and loket (also when zero); every region with open thuiszitters for admin"),
    total: thuiszitterCountsSchema.describe('The sum over the regions listed'),
  })
  .meta({ id: 'ThuiszitterMonitor' });
export type ThuiszitterMonitorResponseDto = z.output<typeof thuiszitterMonitorResponseSchema>;
