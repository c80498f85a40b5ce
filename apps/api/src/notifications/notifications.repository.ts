import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, type Repository } from 'typeorm';
import { isParticipant, type Actor } from '@schakel/domain';
import { NotificationEntity } from '@schakel/persistence';
import type { NotificationListPosition } from './notification-list.cursor';

export interface NotificationPage {
  rows: NotificationEntity[];
  /** Where the next page starts; undefined on the last page. */
  next?: NotificationListPosition;
}

/** Reads the notifications the worker records. */
@Injectable()
export class NotificationsRepository {
  constructor(@InjectRepository(NotificationEntity) private readonly notifications: Repository<NotificationEntity>) {}

  /**
   * The caller's notifications, newest first: those addressed to them in person, and those addressed
   * to their role in their organisation or (when no organisation is named) their region, and for a parent those
   * addressed to the parents of their own children. A school
   * board's 4-character code also covers its vestigingen, as in the referral list's scope. Keyset
   * pagination on (occurred_at, id), served by the ix_notification_recipient_* indexes.
   */
  async listFor(actor: Actor, limit: number, after?: NotificationListPosition): Promise<NotificationPage> {
    const query = this.notifications.createQueryBuilder('n').where(
      new Brackets((addressed) => {
        addressed.where('n.recipient_sub = :sub', { sub: actor.sub });
        if (actor.org !== undefined) {
          const org = actor.role === 'school' && actor.org.length === 4 ? '(n.recipient_org = :org OR left(n.recipient_org, 4) = :org)' : 'n.recipient_org = :org';
          addressed.orWhere(`(n.recipient_role = :role AND ${org})`, { role: actor.role, org: actor.org });
        }
        if (actor.region !== undefined) {
          addressed.orWhere('(n.recipient_role = :role AND n.recipient_org IS NULL AND n.recipient_region = :region)', { role: actor.role, region: actor.region });
        }
        // Parents and a young person read what is addressed to the parents of the children their token names
        // (issue 11 §6): a young person of 16+ acts for themselves, so the parents' notices are theirs too.
        if (isParticipant(actor.role) && (actor.children ?? []).length > 0) {
          addressed.orWhere('(n.recipient_role = :parents AND n.child_ref IN (:...children))', { parents: 'ouder', children: actor.children });
        }
      }),
    );
    if (after !== undefined) {
      query.andWhere('(n.occurred_at, n.id) < (:afterOccurredAt::timestamptz, :afterId::uuid)', { afterOccurredAt: after.occurredAt, afterId: after.id });
    }
    // One row more than asked tells whether another page follows, without a count.
    const rows = await query.orderBy('n.occurred_at', 'DESC').addOrderBy('n.id', 'DESC').limit(limit + 1).getMany();
    if (rows.length <= limit) return { rows };
    const page = rows.slice(0, limit);
    const last = page[page.length - 1] as NotificationEntity;
    return { rows: page, next: { occurredAt: last.occurredAt.toISOString(), id: last.id } };
  }
}
