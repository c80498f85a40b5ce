import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, type DataConverter, type Payload, type PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { PayloadKeyring } from './payload.keyring';

/** The `encoding` of an encrypted payload; the original encoding travels inside the ciphertext. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
/** Metadata naming the key that encrypted the payload, so a rotated-out key still decrypts its history. */
export const ENCRYPTION_KEY_ID_METADATA = 'encryption-key-id';

const ENCRYPTED_ENCODING_BYTES = Buffer.from(ENCRYPTED_ENCODING, 'utf8');

const ALGORITHM = 'aes-256-gcm';
/** GCM's standard nonce size; random per payload, so one key may encrypt at most 2^32 payloads (NIST SP 800-38D §8.3) before a rotation is due. */
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A payload that cannot be decrypted; the message names the key id, never the data. */
export class PayloadDecryptionError extends Error {
  override readonly name = 'PayloadDecryptionError';
}

/**
 * Encrypts every Temporal payload (workflow and activity inputs and results, Updates, Queries, signals,
 * memos, failure details) with AES-256-GCM before it leaves the process, so the Temporal database and UI
 * hold no child data in clear (issue 5 §3, AVG art. 32). The whole original Payload, metadata included,
 * is serialised and encrypted, so not even its encoding shows. Layout of `data`: IV (12) | ciphertext |
 * tag (16); the key id is authenticated as additional data, so it cannot be swapped without detection.
 *
 * It uses node:crypto, so it runs in the client and in the worker's main thread, never in the workflow
 * sandbox (the SDK decodes activations before they reach it).
 */
export class PayloadEncryptionCodec implements PayloadCodec {
  constructor(private readonly keyring: PayloadKeyring) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const keyId = this.keyring.activeKeyId;
    const keyIdBytes = Buffer.from(keyId, 'utf8');
    return payloads.map((payload) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, this.keyring.activeKey, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(keyIdBytes);
      const plain = temporal.api.common.v1.Payload.encode(payload).finish();
      const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
      return {
        metadata: { [METADATA_ENCODING_KEY]: ENCRYPTED_ENCODING_BYTES, [ENCRYPTION_KEY_ID_METADATA]: keyIdBytes },
        data: Buffer.concat([iv, ciphertext, cipher.getAuthTag()]),
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.decrypt(payload));
  }

  private decrypt(payload: Payload): Payload {
    const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
    // Written before encryption was switched on (stored histories, running cases): they must still replay.
    if (encoding === undefined || encoding === null || !ENCRYPTED_ENCODING_BYTES.equals(encoding)) return payload;
    const keyIdBytes = payload.metadata?.[ENCRYPTION_KEY_ID_METADATA];
    if (keyIdBytes === undefined || keyIdBytes === null) throw new PayloadDecryptionError(`an encrypted payload carries no ${ENCRYPTION_KEY_ID_METADATA}`);
    const keyId = Buffer.from(keyIdBytes).toString('utf8').slice(0, 64);
    const key = this.keyring.key(keyId);
    if (key === undefined) {
      throw new PayloadDecryptionError(`payload encrypted with key id "${keyId}", which is not configured: keep every key that encrypted live history in PAYLOAD_KEYS`);
    }
    const data = payload.data ?? new Uint8Array(0);
    if (data.length < IV_BYTES + TAG_BYTES) throw new PayloadDecryptionError(`encrypted payload under key id "${keyId}" is truncated`);
    const decipher = createDecipheriv(ALGORITHM, key, data.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(keyIdBytes);
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new PayloadDecryptionError(`encrypted payload under key id "${keyId}" failed authentication: altered, or encrypted with another key of that id`);
    }
    return temporal.api.common.v1.Payload.decode(plain);
  }
}

/**
 * The module with the failure converter that encodes failure messages and stack traces, so the codec
 * encrypts them too. A path, not an object: the workflow bundle needs it at bundling time
 * (bundleWorkflowCode's `failureConverterPath`), and clients load it by path as well.
 */
export const ENCRYPTED_FAILURE_CONVERTER_PATH: string = require.resolve('./encrypted-failure.converter');

/** What every Temporal Client and Worker of Schakel is given, so none of them reads or writes payloads or failure messages in clear. */
export function encryptingDataConverter(keyring: PayloadKeyring): DataConverter {
  return { payloadCodecs: [new PayloadEncryptionCodec(keyring)], failureConverterPath: ENCRYPTED_FAILURE_CONVERTER_PATH };
}
