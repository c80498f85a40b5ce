import { uuid4 } from '@temporalio/workflow';
import type { DeadlineNotice } from '@schakel/domain';
import type { NotificationActivities, NotificationInput } from './notification.contract';

/** What a notice is about: a referral, or a child's plan (issue 4). */
export type NoticeSubject = Pick<NotificationInput, 'referralId'> | Pick<NotificationInput, 'childRef'>;

/**
 * Turns a workflow's notices into notifications, in order, one activity each. The id is fixed here, in
 * workflow code, so a retried activity records the notification once.
 */
export async function recordNotices(record: NotificationActivities['recordNotification'], notices: readonly DeadlineNotice[], subject: NoticeSubject): Promise<void> {
  for (const notice of notices) {
    await record({
      notificationId: uuid4(),
      ...subject,
      ...(notice.transitionId === undefined ? {} : { transitionId: notice.transitionId }),
      kind: notice.kind,
      rule: notice.rule,
      level: notice.level,
      dueAt: notice.dueAt,
      occurredAt: new Date().toISOString(),
      recipient: notice.recipient,
      message: notice.message,
    });
  }
}
