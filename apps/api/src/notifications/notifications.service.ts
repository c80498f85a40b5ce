import { Injectable } from '@nestjs/common';
import type { Actor } from '@schakel/domain';
import type { NotificationEntity } from '@schakel/persistence';
import type { ListNotificationsRequestDto } from './dto/list-notifications.request';
import type { NotificationListResponseDto, NotificationResponseDto } from './dto/notification.response';
import { encodeNotificationCursor } from './notification-list.cursor';
import { NotificationsRepository } from './notifications.repository';

@Injectable()
export class NotificationsService {
  constructor(private readonly repository: NotificationsRepository) {}

  async listMine(actor: Actor, query: ListNotificationsRequestDto): Promise<NotificationListResponseDto> {
    const page = await this.repository.listFor(actor, query.limit, query.cursor);
    return { items: page.rows.map(toResponse), nextCursor: page.next ? encodeNotificationCursor(page.next) : null };
  }
}

function toResponse(row: NotificationEntity): NotificationResponseDto {
  const recipient: NotificationResponseDto['recipient'] = { role: row.recipientRole };
  if (row.recipientOrg !== null) recipient.org = row.recipientOrg;
  if (row.recipientRegion !== null) recipient.region = row.recipientRegion;
  if (row.recipientSub !== null) recipient.sub = row.recipientSub;
  return {
    id: row.id,
    referralId: row.referralId,
    childRef: row.childRef,
    transitionId: row.transitionId,
    kind: row.kind as NotificationResponseDto['kind'],
    rule: row.rule,
    level: row.level,
    dueAt: row.dueAt.toISOString(),
    occurredAt: row.occurredAt.toISOString(),
    recipient,
    message: row.message,
    createdAt: row.createdAt.toISOString(),
    // A referral's notice links to the case; a child plan's notice to the child's plan.
    links: row.referralId !== null ? { referral: `/api/referrals/${row.referralId}` } : { plan: `/api/children/${row.childRef ?? ''}/plan` },
  };
}
