import { Injectable } from '@nestjs/common';
import { DomainError, dutchDateOf, type Actor } from '@schakel/domain';
import type { ThuiszitterMonitorResponseDto } from './dto/thuiszitter-monitor.response';
import { emptyThuiszitterCounts, THUISZITTER_DURATION_BUCKETS, type ThuiszitterCounts } from './thuiszitter-duration.bucket';
import { ThuiszitterMonitorRepository } from './thuiszitter-monitor.repository';

@Injectable()
export class ThuiszitterMonitorService {
  constructor(private readonly repository: ThuiszitterMonitorRepository) {}

  /**
   * The gemeente's thuiszitter figures. Gemeente, leerplicht and loket see their own region (their
   * token's); admin sees every region. Counts only, so gemeente, which never sees case content, may.
   */
  async thuiszitters(actor: Actor, now: Date): Promise<ThuiszitterMonitorResponseDto> {
    const region = this.regionOf(actor);
    const measuredOn = dutchDateOf(now.getTime());
    const found = await this.repository.countOpenThuiszitters(measuredOn, region);
    // A region with none is reported as zeros rather than left out: "no thuiszitters" is a figure too.
    const regions = region !== null && found.length === 0 ? [{ region, counts: emptyThuiszitterCounts() }] : found;
    return { measuredOn, buckets: [...THUISZITTER_DURATION_BUCKETS], regions, total: regions.map((r) => r.counts).reduce(sum, emptyThuiszitterCounts()) };
  }

  private regionOf(actor: Actor): string | null {
    if (actor.role === 'admin') return null;
    if (actor.region === undefined) throw new DomainError('FORBIDDEN', `A ${actor.role} token must name its region to see the thuiszitter figures`);
    return actor.region;
  }
}

function sum(a: ThuiszitterCounts, b: ThuiszitterCounts): ThuiszitterCounts {
  const total = emptyThuiszitterCounts();
  for (const key of [...THUISZITTER_DURATION_BUCKETS, 'total'] as const) total[key] = a[key] + b[key];
  return total;
}
