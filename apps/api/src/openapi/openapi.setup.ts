import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

export const OPENAPI_PATH = 'api/docs';

/**
 * OpenAPI at /api/docs (JSON at /api/docs-json). Request bodies, query parameters and responses are
 * documented from the same zod schemas that validate them (their standard JSON Schema), so the
 * document cannot drift from what the API accepts.
 */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Schakel API')
    .setDescription(
      'Referrals in passend onderwijs and jeugdhulp: signalering → toewijzing → arrangement → uitvoering → evaluatie. ' +
        'Every step is a durable Temporal workflow step; lists and timelines come from the Postgres read model. ' +
        'Errors share one shape (ApiError) with a stable `code`.',
    )
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'HS256 token; in development: npm run token -- --role school --sub ib-1 --org 12AB --region swv-2801' })
    .build();
  SwaggerModule.setup(OPENAPI_PATH, app, () => SwaggerModule.createDocument(app, config), { jsonDocumentUrl: `${OPENAPI_PATH}-json` });
}
