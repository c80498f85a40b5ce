import { createSecretKey, type KeyObject } from 'node:crypto';

/** AES-256 takes a 32-byte key. */
export const PAYLOAD_KEY_BYTES = 32;

/** A key id travels in clear in every payload's metadata, so it must be short and plain (never a name or date of a person). */
export const PAYLOAD_KEY_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The keys that protect Temporal payloads (issue 5 §3): one active key encrypts every new payload; the
 * others only decrypt, so history written before a key rotation stays readable. Keys are held as
 * KeyObjects, which print and serialise as `{}`, so a logged config or error never carries key material.
 */
export class PayloadKeyring {
  private constructor(
    readonly activeKeyId: string,
    private readonly keys: ReadonlyMap<string, KeyObject>,
  ) {}

  /** Throws on a malformed keyring; configuration goes through parsePayloadKeys, which names the variable instead. */
  static of(activeKeyId: string, keys: Iterable<readonly [string, Uint8Array]>): PayloadKeyring {
    const map = new Map<string, KeyObject>();
    for (const [id, bytes] of keys) {
      if (!PAYLOAD_KEY_ID_PATTERN.test(id)) throw new RangeError(`payload key id "${id}" must match ${PAYLOAD_KEY_ID_PATTERN}`);
      if (bytes.length !== PAYLOAD_KEY_BYTES) throw new RangeError(`payload key "${id}" must be ${PAYLOAD_KEY_BYTES} bytes`);
      if (map.has(id)) throw new RangeError(`payload key id "${id}" occurs twice`);
      map.set(id, createSecretKey(bytes));
    }
    if (!map.has(activeKeyId)) throw new RangeError(`active payload key id "${activeKeyId}" is not in the keyring`);
    return new PayloadKeyring(activeKeyId, map);
  }

  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  get activeKey(): KeyObject {
    return this.keys.get(this.activeKeyId) as KeyObject;
  }

  /** Undefined for an id this keyring does not hold (a key removed too early, or another deployment's). */
  key(id: string): KeyObject | undefined {
    return this.keys.get(id);
  }
}
