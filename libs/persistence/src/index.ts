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
export { AuditTrail, type AuditAccess, type AuditEntry, type AuditSubject } from './audit.trail';
export { RetentionSweeper, ANONYMISED_CHILD_REF } from './retention.sweeper';
export { ChildPersonalDetailsEntity } from './entities/child-personal-details.entity';
export { PersonalDetailsStore, PersonalDetailsVersionConflict, type StoredPersonalDetails } from './personal-details.store';
export { AanbodEntity } from './entities/aanbod.entity';
export { AanbodPlacesWriter } from './aanbod-places.writer';
export { AanbodStore, AanbodWriteRefused, AANBOD_AUDIT_ACTIONS, type AanbodFilter, type AanbodPage, type AanbodWrite } from './aanbod.store';
export { AANBOD_DEMO_SET, type AanbodDemoEntry } from './demo/aanbod-demo.data';
export { loadAanbodDemoSet, type AanbodDemoLoad } from './demo/aanbod-demo.seeder';
export { InzageRequestEntity } from './entities/inzage-request.entity';
export { InzageRequestStore, type ChildNotificationRow, type InzageRequestRecord } from './inzage-request.store';
export { WachtlijstEntryEntity } from './entities/wachtlijst-entry.entity';
export { WachtlijstProjectionWriter, type WachtlijstProjectionInput } from './wachtlijst-projection.writer';
