import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { WaitingCase } from './wachtlijst-waiting.stats';

export interface WaitingCaseRow extends WaitingCase {
  region: string;
  kind: string;
}

export interface LapsedCount {
  region: string;
  kind: string;
  verlopen: number;
}

// Waiting cases of one region or (null) every region: dates only, no ids and no child reference leave the
// database. The percentiles are computed in the service, where bruto and netto are one rule (wachtlijst-waiting.stats).
const WAITING_CASES = `
  SELECT region, aanbod_kind AS kind, waiting_since AS "waitingSince", norm_due_at AS "normDueAt", overbrugging
  FROM wachtlijst_entry
  WHERE status = 'waiting' AND region IS NOT NULL AND ($1::varchar IS NULL OR region = $1::varchar)`;

const LAPSED = `
  SELECT region, aanbod_kind AS kind, count(*)::int AS verlopen
  FROM wachtlijst_entry
  WHERE status = 'verlopen' AND region IS NOT NULL AND ($1::varchar IS NULL OR region = $1::varchar)
  GROUP BY region, aanbod_kind`;

/** The wachtlijst read model for the monitor (issue 11 §4), served by ix_wachtlijst_entry_monitor. */
@Injectable()
export class WachtlijstMonitorRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async waitingCases(region: string | null): Promise<WaitingCaseRow[]> {
    return this.dataSource.query<WaitingCaseRow[]>(WAITING_CASES, [region]);
  }

  async lapsed(region: string | null): Promise<LapsedCount[]> {
    return this.dataSource.query<LapsedCount[]>(LAPSED, [region]);
  }
}
