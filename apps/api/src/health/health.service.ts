import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { TemporalGateway } from '../temporal/temporal.gateway';

export type CheckStatus = 'up' | 'down';

export interface HealthReport {
  status: 'ok' | 'unavailable';
  checks: { postgres: CheckStatus; temporal: CheckStatus; worker: CheckStatus };
}

const POSTGRES_TIMEOUT_MS = 3_000;

/**
 * Whether every part a case needs is up: the read model (Postgres), Temporal, and at least one worker
 * polling the referral task queue — without a worker, started cases would silently not progress.
 */
@Injectable()
export class HealthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly temporal: TemporalGateway,
  ) {}

  /** The answer of GET /api/health (issue 2), kept as it was for the launcher and existing probes. */
  async check(): Promise<HealthReport> {
    const [postgres, temporal, pollers] = await Promise.all([
      upOrDown(this.pingPostgres()),
      upOrDown(this.pingTemporal()),
      this.countWorkerPollers().catch(() => 0),
    ]);
    const worker: CheckStatus = pollers > 0 ? 'up' : 'down';
    const checks = { postgres, temporal, worker };
    return { status: Object.values(checks).every((c) => c === 'up') ? 'ok' : 'unavailable', checks };
  }

  /** Resolves when the read model answers a trivial query within 3 s. */
  async pingPostgres(): Promise<void> {
    await withTimeout(this.dataSource.query('SELECT 1'), POSTGRES_TIMEOUT_MS);
  }

  /** Resolves when the Temporal server answers (the gateway bounds it at 3 s). */
  pingTemporal(): Promise<void> {
    return this.temporal.probeServer();
  }

  /** Workers polling the referral task queue recently (the gateway bounds the call at 3 s). */
  countWorkerPollers(): Promise<number> {
    return this.temporal.countLiveWorkflowPollers();
  }
}

async function upOrDown(probe: Promise<unknown>): Promise<CheckStatus> {
  try {
    await probe;
    return 'up';
  } catch {
    return 'down';
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
