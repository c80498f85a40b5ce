import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { webhookRequestSchema, type Actor, type WebhookRequest } from '@schakel/domain';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Permits } from '../auth/permits.decorator';
import { apiErrorResponseSchema } from '../errors/api-error.response';
import { ValidParam } from '../http/schema-validation.pipe';
import { webhookListResponseSchema, webhookResponseSchema, type WebhookListResponseDto, type WebhookResponseDto } from './dto/webhook.response';
import { WebhookRequestPipe } from './webhook-request.pipe';
import { WebhooksService } from './webhooks.service';

// Organisations that receive notifications manage their own webhooks (ACCESS_POLICY 'webhooks.manage');
// there is no organisation-admin role yet, so any member may; admin has no organisation.
const WEBHOOK_ID = z.uuid({ message: 'must be a UUID' });
const refused = { standardSchema: apiErrorResponseSchema };

const SIGNING =
  'Each notification addressed to the organisation (or, for notices that name no organisation, to the registering role in its region) ' +
  'is POSTed as JSON with the headers Schakel-Delivery-Id (idempotency key: the same id may arrive again after a failure, never with new content), ' +
  'Schakel-Timestamp (Unix seconds) and Schakel-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<body>" with the secret>. ' +
  'A 2xx answer within 10 s accepts it; anything else is retried with exponential backoff for up to 24 hours.';

@ApiTags('webhooks')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @Permits('webhooks.manage')
  @ApiOperation({ summary: "Register a webhook for the caller's organisation", description: SIGNING })
  @ApiCreatedResponse({ description: 'Registered; the secret is not shown again', standardSchema: webhookResponseSchema })
  @ApiBadRequestResponse({ description: 'Invalid body (VALIDATION_FAILED, naming each field)', ...refused })
  async register(
    @CurrentActor() actor: Actor,
    @Body({ schema: webhookRequestSchema, pipes: [WebhookRequestPipe] }) body: WebhookRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<WebhookResponseDto> {
    const created = await this.webhooks.register(actor, body);
    response.status(HttpStatus.CREATED).location(`/api/webhooks/${created.id}`);
    return created;
  }

  @Get()
  @Permits('webhooks.manage')
  @ApiOperation({ summary: "The active webhooks of the caller's organisation (without secrets)" })
  @ApiOkResponse({ standardSchema: webhookListResponseSchema })
  list(@CurrentActor() actor: Actor): Promise<WebhookListResponseDto> {
    return this.webhooks.list(actor);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Permits('webhooks.manage')
  @ApiOperation({ summary: 'Remove a webhook', description: 'Nothing more is sent to it; deliveries already under way stop before their next attempt.' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiBadRequestResponse({ description: 'The id is not a UUID (VALIDATION_FAILED)', ...refused })
  @ApiNotFoundResponse({ description: "Unknown, already removed, or another organisation's (NOT_FOUND)", ...refused })
  async remove(@CurrentActor() actor: Actor, @ValidParam('id', WEBHOOK_ID) id: string): Promise<void> {
    await this.webhooks.remove(actor, id);
  }
}
