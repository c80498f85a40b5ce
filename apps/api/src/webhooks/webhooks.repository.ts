import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type Repository } from 'typeorm';
import type { Role } from '@schakel/domain';
import { WebhookSubscriptionEntity } from '@schakel/persistence';

export interface NewWebhookSubscription {
  org: string;
  role: Role;
  region: string | null;
  url: string;
  secret: string;
  description: string | null;
  createdBy: string;
}

/**
 * Webhook subscriptions: configuration an organisation owns, not process state, so the API writes
 * them itself (ADR 0005); the worker reads them when it records a notification.
 */
@Injectable()
export class WebhooksRepository {
  constructor(@InjectRepository(WebhookSubscriptionEntity) private readonly subscriptions: Repository<WebhookSubscriptionEntity>) {}

  create(subscription: NewWebhookSubscription): Promise<WebhookSubscriptionEntity> {
    return this.subscriptions.save(this.subscriptions.create({ ...subscription, disabledAt: null }));
  }

  /** An organisation's active webhooks, oldest first. */
  activeOf(org: string): Promise<WebhookSubscriptionEntity[]> {
    return this.subscriptions.find({ where: { org, disabledAt: IsNull() }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** Disables the organisation's active webhook; false when there is none with this id for this organisation. */
  async disable(org: string, id: string): Promise<boolean> {
    const result = await this.subscriptions.update({ id, org, disabledAt: IsNull() }, { disabledAt: () => 'now()' });
    return (result.affected ?? 0) > 0;
  }
}
