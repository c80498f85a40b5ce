import { METADATA_ENCODING_KEY, type DataConverter, type Payload, type PayloadCodec } from '@temporalio/common';
import { encryptingDataConverter, PayloadDecryptionError, PayloadEncryptionCodec } from './payload-encryption.codec';
import type { PayloadKeyring } from './payload.keyring';

/** The encoding a worker gives a payload it could not decrypt: no payload converter reads it. */
export const UNDECRYPTABLE_ENCODING = 'binary/undecryptable';
const UNDECRYPTABLE_ENCODING_BYTES = new TextEncoder().encode(UNDECRYPTABLE_ENCODING);

/**
 * The worker's view of the encryption codec (issue 6 §6). The SDK decodes a whole workflow activation before the
 * sandbox sees it, so one payload the codec refuses fails the workflow task, and an Update carrying it — sent
 * with another key or garbage, past the API — would fail every retry of the task and stall the case. Here such a
 * payload becomes one no converter reads instead: an Update's argument then fails to convert inside the sandbox,
 * which the SDK answers by rejecting the Update before it is accepted, and the case carries on. Everything else
 * that cannot be read (a start input, a signal, an activity result) still fails the task, and is retried until the
 * missing key is configured, as before. Clients keep the strict codec: their errors name the key.
 */
export class UndecryptablePayloadCodec implements PayloadCodec {
  constructor(
    private readonly inner: PayloadCodec,
    /** Told why each payload was refused (the message names the key id, never the data). */
    private readonly onUndecryptable: (error: PayloadDecryptionError) => void = () => {},
  ) {}

  encode(payloads: Payload[]): Promise<Payload[]> {
    return this.inner.encode(payloads);
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.all(
      payloads.map(async (payload) => {
        try {
          const [decoded] = await this.inner.decode([payload]);
          return decoded ?? payload;
        } catch (error) {
          if (!(error instanceof PayloadDecryptionError)) throw error;
          this.onUndecryptable(error);
          return { metadata: { [METADATA_ENCODING_KEY]: UNDECRYPTABLE_ENCODING_BYTES }, data: new Uint8Array(0) };
        }
      }),
    );
  }
}

/** The data converter of the worker's Worker (not of its Clients): encrypting, and refusing unreadable Updates. */
export function workerDataConverter(keyring: PayloadKeyring, onUndecryptable?: (error: PayloadDecryptionError) => void): DataConverter {
  return { ...encryptingDataConverter(keyring), payloadCodecs: [new UndecryptablePayloadCodec(new PayloadEncryptionCodec(keyring), onUndecryptable)] };
}
