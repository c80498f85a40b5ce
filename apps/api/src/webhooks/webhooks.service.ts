import { Injectable } from '@nestjs/common';
import { DomainError, type Actor, type WebhookRequest } from '@schakel/domain';
import type { WebhookSubscriptionEntity } from '@schakel/persistence';
import type { WebhookListResponseDto, WebhookResponseDto } from './dto/webhook.response';
import { WebhooksRepository } from './webhooks.repository';

/** An organisation's webhooks: each is managed by the organisation named in the caller's token, and only by it. */
@Injectable()
export class WebhooksService {
  constructor(private readonly repository: WebhooksRepository) {}

  async register(actor: Actor, body: WebhookRequest): Promise<WebhookResponseDto> {
    const org = organisationOf(actor);
    const row = await this.repository.create({
      org,
      role: actor.role,
      region: actor.region ?? null,
      url: body.url,
      secret: body.secret,
      description: body.description ?? null,
      createdBy: actor.sub,
    });
    return toResponse(row);
  }

  async list(actor: Actor): Promise<WebhookListResponseDto> {
    return { items: (await this.repository.activeOf(organisationOf(actor))).map(toResponse) };
  }

  /** Another organisation's webhook does not exist for the caller: 404, as an unknown id. */
  async remove(actor: Actor, id: string): Promise<void> {
    if (!(await this.repository.disable(organisationOf(actor), id))) throw new DomainError('NOT_FOUND', 'Webhook not found');
  }
}

function organisationOf(actor: Actor): string {
  if (actor.org === undefined) throw new DomainError('FORBIDDEN', 'Webhooks belong to an organisation: the token must name it (org)');
  return actor.org;
}

function toResponse(row: WebhookSubscriptionEntity): WebhookResponseDto {
  return { id: row.id, url: row.url, description: row.description, createdAt: row.createdAt.toISOString() };
}
