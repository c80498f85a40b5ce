export { ReferralEntity } from './entities/referral.entity';
export { CaseEventEntity } from './entities/case-event.entity';
export { AuditLogEntity } from './entities/audit-log.entity';
export { READ_MODEL_ENTITIES } from './read-model.entities';
export { READ_MODEL_MIGRATIONS } from './migrations/read-model.migrations';
export {
  createReadModelDataSource,
  describeDatabaseUrl,
  readModelDataSourceOptions,
  type PostgresDataSourceOptions,
  type ReadModelDataSourceSettings,
} from './data-source.factory';
export { runReadModelMigrations } from './migration.runner';
export { MigrationProgressLogger } from './migration.logger';
export { ReferralProjectionWriter, type ReferralProjectionInput, type ReferralProjectionResult, type ReferralProjectionWriteOptions } from './referral-projection.writer';
export { NotificationEntity } from './entities/notification.entity';
export { WebhookSubscriptionEntity } from './entities/webhook-subscription.entity';
export { WebhookDeliveryEntity, WEBHOOK_DELIVERY_STATUSES } from './entities/webhook-delivery.entity';
export {
  NotificationStore,
  type NotificationRecordInput,
  type NotificationRecordResult,
  type WebhookDeliveryTarget,
} from './notification.store';
export { AuditTrail, type AuditAccess, type AuditEntry } from './audit.trail';
export { RetentionSweeper, ANONYMISED_CHILD_REF } from './retention.sweeper';
export { ChildPersonalDetailsEntity } from './entities/child-personal-details.entity';
export { PersonalDetailsStore, PersonalDetailsVersionConflict, type StoredPersonalDetails } from './personal-details.store';
