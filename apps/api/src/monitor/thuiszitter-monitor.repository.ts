import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ThuiszitterCounts } from './thuiszitter-duration.bucket';

export interface RegionThuiszitterCounts {
  region: string;
  counts: ThuiszitterCounts;
}

/** One row per region, with a column per bucket named as the bucket (see the SELECT below). */
type CountRow = ThuiszitterCounts & { region: string };

// Open referrals flagged thuiszitter, counted per region by how long the pupil has been at home on
// `$1` (today's date in the Netherlands). The WHERE repeats ix_referral_open_thuiszitters' predicate
// so the partial index serves it. A flag without a date cannot happen (the start request requires
// `since` with the flag, a report carries it), but would count from the referral's creation rather
// than vanish from the figures. Only counts leave the database: no ids, no childRef.
const COUNT_OPEN_THUISZITTERS = `
  WITH open AS (
    SELECT r.region, COALESCE(r.thuiszitter_since, (r.created_at AT TIME ZONE 'Europe/Amsterdam')::date) AS since
    FROM referral r
    WHERE r.thuiszitter AND r.closed_at IS NULL AND ($2::varchar IS NULL OR r.region = $2::varchar)
  )
  SELECT region,
    count(*) FILTER (WHERE $1::date - since < 28)::int AS minder_dan_4_weken,
    count(*) FILTER (WHERE $1::date - since >= 28 AND $1::date - since < 56)::int AS "4_tot_8_weken",
    count(*) FILTER (WHERE $1::date - since >= 56 AND (since + interval '3 months')::date > $1::date)::int AS "8_weken_tot_3_maanden",
    count(*) FILTER (WHERE (since + interval '3 months')::date <= $1::date)::int AS "3_maanden_of_langer",
    count(*)::int AS total
  FROM open
  GROUP BY region
  ORDER BY region`;

/** Aggregates of the read model for the gemeente's thuiszitter figures (issue 3 §4). */
@Injectable()
export class ThuiszitterMonitorRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Counts on `today` (YYYY-MM-DD, Dutch civil date), for one region or (null) every region. */
  async countOpenThuiszitters(today: string, region: string | null): Promise<RegionThuiszitterCounts[]> {
    const rows = await this.dataSource.query<CountRow[]>(COUNT_OPEN_THUISZITTERS, [today, region]);
    return rows.map(({ region, ...counts }) => ({ region, counts }));
  }
}
