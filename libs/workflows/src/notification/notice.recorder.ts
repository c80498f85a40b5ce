import { uuid4 } from '@temporalio/workflow';
import type { NotificationActivities, NotificationInput } from './notification.contract';

/** What a notice is about: a referral, or a child's plan (issue 4). */
export type NoticeSubject = Pick<NotificationInput, 'referralId'> | Pick<NotificationInput, 'childRef'>;

/** What any workflow's notice carries: a referral's or a plan's deadline notice, a wachtlijst's notice. */
export type RecordableNotice = Pick<NotificationInput, 'kind' | 'rule' | 'level' | 'dueAt' | 'recipient' | 'message' | 'transitionId'>;

/**
 * Turns a workflow's notices into notifications, in order, one activity each. The id is fixed here, in
 * workflow code, so a retried activity records the notification once. The subject is the workflow's own (a
 * referral, a child's plan) or, for a wachtlijst whose notices are each about another case, the notice's.
 */
export async function recordNotices<N extends RecordableNotice>(
  record: NotificationActivities['recordNotification'],
  notices: readonly N[],
  subject: NoticeSubject | ((notice: N) => NoticeSubject),
): Promise<void> {
  for (const notice of notices) {
    await record({
      notificationId: uuid4(),
      ...(typeof subject === 'function' ? subject(notice) : subject),
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
