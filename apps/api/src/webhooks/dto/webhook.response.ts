import { z } from 'zod';

/** A webhook as the API shows it: never its secret, which is shown to nobody after it was sent. */
export const webhookResponseSchema = z
  .object({
    id: z.uuid(),
    url: z.string(),
    description: z.string().nullable(),
    createdAt: z.string().describe('ISO 8601 instant'),
  })
  .meta({ id: 'Webhook' });
export type WebhookResponseDto = z.infer<typeof webhookResponseSchema>;

export const webhookListResponseSchema = z.object({ items: z.array(webhookResponseSchema) }).meta({ id: 'WebhookList' });
export type WebhookListResponseDto = z.infer<typeof webhookListResponseSchema>;
