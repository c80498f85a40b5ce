import { Injectable, type PipeTransform } from '@nestjs/common';
import { createWebhookRequestSchema, parseOrThrow, type WebhookRequest } from '@schakel/domain';
import { ApiConfig } from '../config/api.config';

/**
 * Parses POST /api/webhooks bodies with the domain schema under this deployment's URL rule: https
 * only in production; elsewhere also plain http to 127.0.0.1/localhost, for a receiver on the same
 * machine (development, tests). VALIDATION_FAILED names each field.
 */
@Injectable()
export class WebhookRequestPipe implements PipeTransform<unknown, WebhookRequest> {
  private readonly schema;

  constructor(config: ApiConfig) {
    this.schema = createWebhookRequestSchema({ allowLoopbackHttp: config.env !== 'production' });
  }

  transform(value: unknown): WebhookRequest {
    return parseOrThrow(this.schema, value);
  }
}
