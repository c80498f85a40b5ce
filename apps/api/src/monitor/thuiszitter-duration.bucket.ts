/**
 * How long open thuiszitters have been at home, counted in whole days from `thuiszitter_since` to
 * today (Europe/Amsterdam). The steps follow the thuiszitter definition and the Thuiszitterspact
 * horizon: 4 weeks makes a pupil a thuiszitter (langdurig relatief verzuim), and no child should stay
 * home longer than 3 months without a passend aanbod (DOMAIN.md §1.7). Wire names never change.
 */
export const THUISZITTER_DURATION_BUCKETS = ['minder_dan_4_weken', '4_tot_8_weken', '8_weken_tot_3_maanden', '3_maanden_of_langer'] as const;
export type ThuiszitterDurationBucket = (typeof THUISZITTER_DURATION_BUCKETS)[number];

export const THUISZITTER_DURATION_BUCKET_DESCRIPTIONS: Record<ThuiszitterDurationBucket, string> = {
  minder_dan_4_weken: 'at home for fewer than 28 days',
  '4_tot_8_weken': 'at home for 28 to 55 days (4 weeks: langdurig relatief verzuim)',
  '8_weken_tot_3_maanden': 'at home for 56 days or more, but less than 3 calendar months',
  '3_maanden_of_langer': 'at home for 3 calendar months or more: past the Thuiszitterspact horizon',
};

export type ThuiszitterCounts = Record<ThuiszitterDurationBucket, number> & { total: number };

export function emptyThuiszitterCounts(): ThuiszitterCounts {
  return { minder_dan_4_weken: 0, '4_tot_8_weken': 0, '8_weken_tot_3_maanden': 0, '3_maanden_of_langer': 0, total: 0 };
}
