import { AanbodEntity } from './entities/aanbod.entity';
import { ChildPersonalDetailsEntity } from './entities/child-personal-details.entity';
import { InzageRequestEntity } from './entities/inzage-request.entity';
import { WachtlijstEntryEntity } from './entities/wachtlijst-entry.entity';
import { AuditLogEntity } from './entities/audit-log.entity';
import { CaseEventEntity } from './entities/case-event.entity';
import { NotificationEntity } from './entities/notification.entity';
import { ReferralEntity } from './entities/referral.entity';
import { WebhookDeliveryEntity } from './entities/webhook-delivery.entity';
import { WebhookSubscriptionEntity } from './entities/webhook-subscription.entity';

/** Every entity of the read model, for TypeOrmModule.forRoot and the migration data source. */
export const READ_MODEL_ENTITIES = [ReferralEntity, CaseEventEntity, AuditLogEntity, NotificationEntity, WebhookSubscriptionEntity, WebhookDeliveryEntity, ChildPersonalDetailsEntity, AanbodEntity, InzageRequestEntity, WachtlijstEntryEntity];
