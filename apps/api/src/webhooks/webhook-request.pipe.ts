import { Injectable, type PipeTransform } from '@nestjs/common';
import { createWebhookRequestSchema, type WebhookRequest } from '@schakel/domain';
import { ApiConfig } from '../config/api.config';
import { SchemaValidationPipe } from '../http/schema-validation.pipe';

/**
 * Parses POST /api/webhooks bodies with the domain schema under this deployment's URL rule: https
 * only in production; elsewhere also plain http to 127.0.0.1/localhost, for a receiver on the same
 * machine (development, tests). VALIDATION_FAILED names each field. Parsed by the shared SchemaValidationPipe,
 * so hostile input (a NUL in the description, which Postgres cannot store: a 500 found by fuzz.e2e.ts) is
 * refused here as everywhere else.
 */
@Injectable()
export class WebhookRequestPipe implements PipeTransform<unknown, WebhookRequest> {
  private readonly pipe;

  constructor(config: ApiConfig) {
    this.pipe = new SchemaValidationPipe(createWebhookRequestSchema({ allowLoopbackHttp: config.env !== 'production' }));
  }

  transform(value: unknown): WebhookRequest {
    return this.pipe.transform(value);
  }
}
