import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter, METADATA_ENCODING_KEY, type Payload } from '@temporalio/common';
import { ENCRYPTED_ENCODING, ENCRYPTION_KEY_ID_METADATA, PayloadDecryptionError, PayloadEncryptionCodec } from './payload-encryption.codec';
import { PayloadKeyring } from './payload.keyring';

const OLD_KEY = randomBytes(32);
const NEW_KEY = randomBytes(32);
const CASE = { childRef: 'lln-7f3a9c', summary: 'Trekt zich terug in de klas' };

const codecWith = (activeKeyId: string, keys: Array<[string, Buffer]>) => new PayloadEncryptionCodec(PayloadKeyring.of(activeKeyId, keys));
const payloadOf = (value: unknown): Payload => defaultPayloadConverter.toPayload(value);
const valueOf = (payload: Payload | undefined): unknown => defaultPayloadConverter.fromPayload(payload as Payload);
const text = (bytes: Uint8Array | null | undefined): string => Buffer.from(bytes ?? []).toString('utf8');

async function encryptOne(codec: PayloadEncryptionCodec, value: unknown): Promise<Payload> {
  const [encrypted] = await codec.encode([payloadOf(value)]);
  return encrypted as Payload;
}

describe('PayloadEncryptionCodec', () => {
  const codec = codecWith('2026-01', [['2026-01', NEW_KEY]]);

  it('decrypts what it encrypted back to the original payload, encoding included', async () => {
    const original = [payloadOf(CASE), payloadOf(undefined), payloadOf(new Uint8Array([1, 2, 3]))];

    const decoded = await codec.decode(await codec.encode(original));

    expect(decoded.map(valueOf)).toEqual([CASE, undefined, new Uint8Array([1, 2, 3])]);
    expect(decoded.map((payload) => text(payload.metadata?.[METADATA_ENCODING_KEY]))).toEqual(['json/plain', 'binary/null', 'binary/plain']);
  });

  it('hides the data and its original encoding, and names the key in the metadata', async () => {
    const encrypted = await encryptOne(codec, CASE);

    expect(Object.fromEntries(Object.entries(encrypted.metadata ?? {}).map(([key, value]) => [key, text(value)]))).toEqual({
      [METADATA_ENCODING_KEY]: ENCRYPTED_ENCODING,
      [ENCRYPTION_KEY_ID_METADATA]: '2026-01',
    });
    const bytes = Buffer.from(encrypted.data ?? []);
    for (const clear of [CASE.childRef, CASE.summary, 'json/plain']) {
      expect(bytes.toString('utf8')).not.toContain(clear);
      expect(bytes.toString('latin1')).not.toContain(clear);
    }
  });

  it('uses a fresh IV for every payload, so equal values never give equal ciphertexts', async () => {
    const [first, second] = await codec.encode([payloadOf(CASE), payloadOf(CASE)]);

    expect(Buffer.from(first?.data ?? []).subarray(0, 12)).not.toEqual(Buffer.from(second?.data ?? []).subarray(0, 12));
    expect(Buffer.from(first?.data ?? [])).not.toEqual(Buffer.from(second?.data ?? []));
  });

  it('refuses a payload whose ciphertext was altered', async () => {
    const encrypted = await encryptOne(codec, CASE);
    const data = Buffer.from(encrypted.data ?? []);
    data[20] = (data[20] as number) ^ 0x01;

    await expect(codec.decode([{ ...encrypted, data }])).rejects.toThrow(new PayloadDecryptionError('encrypted payload under key id "2026-01" failed authentication: altered, or encrypted with another key of that id'));
  });

  it('refuses a payload whose key id was swapped for another configured key', async () => {
    const both = codecWith('2026-01', [['2026-01', NEW_KEY], ['2025-07', OLD_KEY]]);
    const encrypted = await encryptOne(both, CASE);
    const swapped: Payload = { ...encrypted, metadata: { ...encrypted.metadata, [ENCRYPTION_KEY_ID_METADATA]: Buffer.from('2025-07') } };

    await expect(both.decode([swapped])).rejects.toThrow(/key id "2025-07" failed authentication/);
  });

  it('after a rotation, decrypts data of the old key while it stays configured, and encrypts new data with the new key', async () => {
    const before = codecWith('2025-07', [['2025-07', OLD_KEY]]);
    const after = codecWith('2026-01', [['2026-01', NEW_KEY], ['2025-07', OLD_KEY]]);
    const written = await encryptOne(before, CASE);

    expect(valueOf((await after.decode([written]))[0])).toEqual(CASE);
    const rewritten = await encryptOne(after, CASE);
    expect(text(rewritten.metadata?.[ENCRYPTION_KEY_ID_METADATA])).toBe('2026-01');
    await expect(before.decode([rewritten])).rejects.toThrow(PayloadDecryptionError);
  });

  it('names the unknown key id, and nothing of the data, when the key is no longer configured', async () => {
    const written = await encryptOne(codecWith('2025-07', [['2025-07', OLD_KEY]]), CASE);

    const failure = await codec.decode([written]).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(PayloadDecryptionError);
    expect((failure as Error).message).toBe('payload encrypted with key id "2025-07", which is not configured: keep every key that encrypted live history in PAYLOAD_KEYS');
  });

  it('passes payloads written before encryption through unchanged, so stored histories still replay', async () => {
    const clear = [payloadOf(CASE), payloadOf(undefined), {}];

    await expect(codec.decode(clear)).resolves.toEqual(clear);
  });

  it('refuses an encrypted payload without a key id or too short to hold an IV and tag', async () => {
    const encrypted = await encryptOne(codec, CASE);

    await expect(codec.decode([{ ...encrypted, metadata: { [METADATA_ENCODING_KEY]: Buffer.from(ENCRYPTED_ENCODING) } }])).rejects.toThrow(/carries no encryption-key-id/);
    await expect(codec.decode([{ ...encrypted, data: Buffer.alloc(27) }])).rejects.toThrow(/"2026-01" is truncated/);
  });
});
