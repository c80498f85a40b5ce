import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { REFERRAL_SEARCH_ATTRIBUTES } from '@schakel/workflows/contracts';

const { IndexedValueType } = temporal.api.enums.v1;
const INDEXED_TYPE: Record<(typeof REFERRAL_SEARCH_ATTRIBUTES)[keyof typeof REFERRAL_SEARCH_ATTRIBUTES], temporal.api.enums.v1.IndexedValueType> = {
  Int: IndexedValueType.INDEXED_VALUE_TYPE_INT,
  Bool: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
};

/**
 * Registers the workflows' search attributes in the namespace when they are missing, and returns
 * the names it added. The dev server's --search-attribute flags only act on a new database; a
 * workflow that upserts an unregistered attribute fails its workflow task and its case stalls, so
 * the launcher makes sure of them on every start, for its own server and for TEMPORAL_ADDRESS alike.
 */
export async function ensureSearchAttributes(address: string, namespace: string): Promise<string[]> {
  const connection = await Connection.connect({ address });
  try {
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
    const missing = Object.entries(REFERRAL_SEARCH_ATTRIBUTES).filter(([name]) => !(name in (customAttributes ?? {})));
    if (missing.length === 0) return [];
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map(([name, type]) => [name, INDEXED_TYPE[type]])),
    });
    return missing.map(([name]) => name);
  } finally {
    await connection.close();
  }
}
