import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { actorRef, type Actor } from '@schakel/domain';
import { AuditTrail, type AuditEntry, type AuditSubject } from '@schakel/persistence';
import { UpstreamUnavailableError } from '../errors/upstream-unavailable.error';

/**
 * Records every read of a case and every step on a child's plan, who (sub, role, organisation), what,
 * when and under which request id, in the append-only audit log (issue 5 §4; AVG art. 5(2)
 * accountability). A read is recorded BEFORE its answer leaves: no audit entry, no data.
 */
@Injectable()
export class AuditRecorder {
  private readonly trail: AuditTrail;

  constructor(dataSource: DataSource) {
    this.trail = new AuditTrail(dataSource);
  }

  async record(actor: Actor, action: string, subject: { referralIds?: readonly string[]; childRef?: string; aanbodId?: string }, requestId: string): Promise<void> {
    try {
      await this.trail.record({ actor: actorRef(actor), action, requestId, occurredAt: new Date(), ...subject });
    } catch (error) {
      throw new UpstreamUnavailableError('postgres', 'The access could not be recorded in the audit log; nothing was returned', { cause: error });
    }
  }

  read(subject: AuditSubject, limit: number, afterId?: string): Promise<AuditEntry[]> {
    return this.trail.trail(subject, limit, afterId);
  }
}
