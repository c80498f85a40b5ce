import { z } from 'zod';
import { encodeKeysetCursor, keysetCursorSchema } from '../http/keyset-cursor';

/**
 * Where a page of the catalogue ends: the last aanbod's id. The list runs in (name, id) order and the store finds
 * the name from the id, so the cursor stays short whatever the names.
 */
export function encodeProviderCursor(lastId: string): string {
  return encodeKeysetCursor([lastId]);
}

export const PROVIDER_CURSOR = keysetCursorSchema(z.tuple([z.uuid()]), (tuple): string => tuple[0]);
