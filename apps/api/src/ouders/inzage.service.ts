import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { actorRef, assertMayAsParticipant, buildInzageDossier, dutchDateOf, inzageDueOn, type Actor, type PersonalDetails } from '@schakel/domain';
import { InzageRequestStore, PersonalDetailsStore, type InzageRequestRecord } from '@schakel/persistence';
import { AuditRecorder } from '../audit/audit.recorder';
import { UpstreamUnavailableError } from '../errors/upstream-unavailable.error';
import { ChildAgeReader } from './child-age.reader';
import { ChildPathReader } from './child-path.reader';
import type { InzageDossierResponseDto } from './dto/inzage-dossier.response';

/**
 * Inzage (AVG art. 15; issue 11 §6): the request is recorded with its one-month term (AVG art. 12(3)) before
 * anything is compiled, the access is in the audit log before the answer leaves, and the request is marked
 * answered once the dossier is complete. When the API cannot compile it (Temporal or Postgres down) the request
 * stays open with its due date (ADR 0016).
 */
@Injectable()
export class InzageService {
  private readonly requests: InzageRequestStore;
  private readonly personalDetails: PersonalDetailsStore;

  constructor(
    dataSource: DataSource,
    private readonly path: ChildPathReader,
    private readonly ages: ChildAgeReader,
    private readonly audit: AuditRecorder,
  ) {
    this.requests = new InzageRequestStore(dataSource);
    this.personalDetails = new PersonalDetailsStore(dataSource);
  }

  async dossier(actor: Actor, childRef: string, requestId: string, now = new Date()): Promise<InzageDossierResponseDto> {
    const plan = await this.path.plan(childRef);
    assertMayAsParticipant(actor, plan, 'dossier', await this.ages.ageOf(childRef, now));
    const request = await this.postgres('The request of inzage could not be recorded', () =>
      this.requests.receive(childRef, plan.region, actorRef(actor), requestId, now, inzageDueOn(dutchDateOf(now.getTime()))),
    );
    const referralIds = plan.referrals.map((r) => r.referralId);
    await this.audit.record(actor, 'child.dossier.read', { childRef, referralIds }, requestId);

    const states = await this.path.referralStates(plan);
    const referrals = await Promise.all(
      plan.referrals.map(async (entry) => ({ entry, state: states.get(entry.referralId) ?? null, events: await this.path.referralEvents(entry.referralId) })),
    );
    const [planEvents, details, notifications] = await Promise.all([
      this.path.planEvents(childRef),
      this.postgres('The personal details could not be read', async () => (await this.personalDetails.find(childRef))?.details ?? null),
      this.postgres('The notifications could not be read', () => this.requests.notificationsAbout(childRef, referralIds)),
    ]);
    const dossier = buildInzageDossier({ plan, planEvents, referrals, personalDetails: details as PersonalDetails | null, notifications });
    const answeredAt = new Date();
    await this.postgres('The answer to the request of inzage could not be recorded', () => this.requests.markAnswered(request.id, answeredAt));
    return { ...dossier, compiledAt: answeredAt.toISOString(), request: requestOf(request, answeredAt) } as InzageDossierResponseDto;
  }

  private async postgres<T>(what: string, query: () => Promise<T>): Promise<T> {
    try {
      return await query();
    } catch (error) {
      throw new UpstreamUnavailableError('postgres', what, { cause: error });
    }
  }
}

function requestOf(request: InzageRequestRecord, answeredAt: Date): InzageDossierResponseDto['request'] {
  return { id: request.id, receivedAt: request.receivedAt.toISOString(), dueOn: request.dueOn, answeredAt: answeredAt.toISOString() };
}
