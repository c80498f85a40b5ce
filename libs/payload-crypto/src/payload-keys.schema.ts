import { z } from 'zod';
import { parsePayloadKeys, type PayloadEncryptionConfig, type PayloadKeyEnv } from './payload-keys.parser';

/** The payload key variables in an app's environment schema (the API's and the worker's read the same two). */
export const payloadKeyEnvShape = {
  // `id:base64key,…`; unset outside production: the public development key (parsePayloadKeys).
  PAYLOAD_KEYS: z.string().optional(),
  PAYLOAD_KEY_ID: z.string().optional(),
};

/**
 * A transform for an app's environment schema: adds the validated keys, or reports each problem under its
 * variable, so both processes refuse a bad key set with the same words.
 */
export function withPayloadEncryption<T extends PayloadKeyEnv & { SCHAKEL_ENV: string }>(values: T, ctx: z.RefinementCtx): T & { payloadEncryption: PayloadEncryptionConfig } {
  const result = parsePayloadKeys(values, { production: values.SCHAKEL_ENV === 'production' });
  if (result.ok) return { ...values, payloadEncryption: result.config };
  for (const problem of result.problems) ctx.addIssue({ code: 'custom', path: [problem.variable], message: problem.message });
  return z.NEVER;
}
