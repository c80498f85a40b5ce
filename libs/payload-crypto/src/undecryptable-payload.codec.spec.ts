import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter, METADATA_ENCODING_KEY, type Payload, type PayloadCodec } from '@temporalio/common';
import { PayloadDecryptionError, PayloadEncryptionCodec } from './payload-encryption.codec';
import { PayloadKeyring } from './payload.keyring';
import { UNDECRYPTABLE_ENCODING, UndecryptablePayloadCodec } from './undecryptable-payload.codec';

const keyring = (id: string) => PayloadKeyring.of(id, [[id, randomBytes(32)]]);
const text = (bytes: Uint8Array | null | undefined): string => Buffer.from(bytes ?? []).toString('utf8');

describe('UndecryptablePayloadCodec (the worker side of the encryption codec)', () => {
  const ours = new PayloadEncryptionCodec(keyring('2026-01'));
  const theirs = new PayloadEncryptionCodec(keyring('other'));

  it('decrypts what it can, and turns what it cannot into a payload no converter reads, telling why', async () => {
    const refused: PayloadDecryptionError[] = [];
    const codec = new UndecryptablePayloadCodec(ours, (error) => refused.push(error));
    const [readable] = await ours.encode([defaultPayloadConverter.toPayload({ step: 'toewijzing' })]);
    const [foreign] = await theirs.encode([defaultPayloadConverter.toPayload({ step: 'toewijzing' })]);

    const [decoded, poisoned] = await codec.decode([readable as Payload, foreign as Payload]);

    expect(defaultPayloadConverter.fromPayload(decoded as Payload)).toEqual({ step: 'toewijzing' });
    expect(text(poisoned?.metadata?.[METADATA_ENCODING_KEY])).toBe(UNDECRYPTABLE_ENCODING);
    expect(() => defaultPayloadConverter.fromPayload(poisoned as Payload)).toThrow(/Unknown encoding/);
    expect(refused.map((error) => error.message)).toEqual(['payload encrypted with key id "other", which is not configured: keep every key that encrypted live history in PAYLOAD_KEYS']);
  });

  it('passes any other failure of the inner codec on', async () => {
    const broken: PayloadCodec = { encode: async (payloads) => payloads, decode: async () => Promise.reject(new Error('codec server unreachable')) };
    await expect(new UndecryptablePayloadCodec(broken).decode([defaultPayloadConverter.toPayload(1)])).rejects.toThrow('codec server unreachable');
  });

  it('encodes exactly as the encryption codec does', async () => {
    const codec = new UndecryptablePayloadCodec(ours);
    const [encrypted] = await codec.encode([defaultPayloadConverter.toPayload('x')]);
    expect(defaultPayloadConverter.fromPayload((await ours.decode([encrypted as Payload]))[0] as Payload)).toBe('x');
  });
});
