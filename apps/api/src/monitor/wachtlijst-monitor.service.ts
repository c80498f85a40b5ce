import { Injectable } from '@nestjs/common';
import { DomainError, type Actor } from '@schakel/domain';
import type { WachtlijstFiguresDto, WachtlijstMonitorResponseDto } from './dto/wachtlijst-monitor.response';
import { WachtlijstMonitorRepository, type WaitingCaseRow } from './wachtlijst-monitor.repository';
import { waitingFigures } from './wachtlijst-waiting.stats';

@Injectable()
export class WachtlijstMonitorService {
  constructor(private readonly repository: WachtlijstMonitorRepository) {}

  /**
   * The waiting-list figures per region and kind of aanbod. As for the thuiszitter figures, gemeente, leerplicht
   * and loket see their own region (their token's), admin every region; `region` narrows admin's view, and
   * anyone else naming another region is refused (403): figures of another region are not theirs to see.
   */
  async wachtlijsten(actor: Actor, now: Date, requested?: string): Promise<WachtlijstMonitorResponseDto> {
    const region = this.regionOf(actor, requested);
    const [cases, lapsed] = await Promise.all([this.repository.waitingCases(region), this.repository.lapsed(region)]);
    const groups = new Map<string, { region: string; kind: string; cases: WaitingCaseRow[]; verlopen: number }>();
    const group = (r: string, kind: string) => {
      const key = JSON.stringify([r, kind]);
      let found = groups.get(key);
      if (found === undefined) groups.set(key, (found = { region: r, kind, cases: [], verlopen: 0 }));
      return found;
    };
    for (const row of cases) group(row.region, row.kind).cases.push(row);
    for (const row of lapsed) group(row.region, row.kind).verlopen = row.verlopen;
    const figures: WachtlijstFiguresDto[] = [...groups.values()]
      .sort((a, b) => a.region.localeCompare(b.region) || a.kind.localeCompare(b.kind))
      .map((g) => ({ region: g.region, kind: g.kind, ...waitingFigures(g.cases, now), verlopen: g.verlopen }));
    return { measuredAt: now.toISOString(), groups: figures };
  }

  private regionOf(actor: Actor, requested: string | undefined): string | null {
    if (actor.role === 'admin') return requested ?? null;
    if (actor.region === undefined) throw new DomainError('FORBIDDEN', `A ${actor.role} token must name its region to see the wachtlijst figures`);
    if (requested !== undefined && requested !== actor.region) throw new DomainError('FORBIDDEN', `A ${actor.role} sees the wachtlijst figures of its own region only`);
    return actor.region;
  }
}
