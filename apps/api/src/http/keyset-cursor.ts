import { z } from 'zod';

/**
 * Keyset pagination cursors: the last row's sort key as a JSON tuple in base64url. Opaque to clients,
 * so the keyset behind a list can change without breaking them.
 */
export function encodeKeysetCursor(tuple: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(tuple), 'utf8').toString('base64url');
}

/** A query parameter that decodes a cursor with `tuple` and maps it to a list's position type. */
export function keysetCursorSchema<T extends z.ZodType, P>(tuple: T, toPosition: (decoded: z.output<T>) => P) {
  return z
    .string()
    .max(200)
    .transform((value, ctx): P => {
      let decoded: unknown;
      try {
        decoded = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
      } catch {
        decoded = undefined;
      }
      const position = tuple.safeParse(decoded);
      if (!position.success) {
        ctx.addIssue({ code: 'custom', message: 'is not a cursor from a previous page (use nextCursor as given)' });
        return z.NEVER;
      }
      return toPosition(position.data);
    });
}
