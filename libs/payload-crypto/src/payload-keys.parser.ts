import { DEVELOPMENT_PAYLOAD_KEY_BASE64, developmentPayloadKeyring } from './development-payload.key';
import { PAYLOAD_KEY_BYTES, PAYLOAD_KEY_ID_PATTERN, PayloadKeyring } from './payload.keyring';

/** The environment variables that configure payload encryption; the API and the worker read the same two. */
export interface PayloadKeyEnv {
  /** `id1:base64key,id2:base64key`: every key that may decrypt (32-byte keys). */
  PAYLOAD_KEYS?: string | undefined;
  /** The id of the key that encrypts new payloads; one of the ids in PAYLOAD_KEYS. */
  PAYLOAD_KEY_ID?: string | undefined;
}

export type PayloadKeyVariable = keyof PayloadKeyEnv;

export interface PayloadKeyProblem {
  variable: PayloadKeyVariable;
  message: string;
}

export interface PayloadEncryptionConfig {
  keyring: PayloadKeyring;
  /** True when the public DEVELOPMENT_PAYLOAD_KEY encrypts: fine for development and tests, never for case data. */
  usesDevelopmentKey: boolean;
}

export type PayloadKeysResult = { ok: true; config: PayloadEncryptionConfig } | { ok: false; problems: PayloadKeyProblem[] };

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const DEVELOPMENT_KEY = Buffer.from(DEVELOPMENT_PAYLOAD_KEY_BASE64, 'base64');

/**
 * Validates the payload keys of the API or the worker (issue 5 §3). Production must bring its own keys:
 * without them the Temporal database would hold children's data readable with a key from the repository.
 * Messages name the variable and, at most, a key id: never key material.
 */
export function parsePayloadKeys(env: PayloadKeyEnv, options: { production: boolean }): PayloadKeysResult {
  const keysText = env.PAYLOAD_KEYS?.trim() || undefined;
  const activeKeyId = env.PAYLOAD_KEY_ID?.trim() || undefined;
  if (keysText === undefined) {
    if (options.production) return refuse('PAYLOAD_KEYS', 'is required when SCHAKEL_ENV=production: id:base64key pairs of 32-byte keys, e.g. 2026-01:<openssl rand -base64 32>');
    if (activeKeyId !== undefined) return refuse('PAYLOAD_KEYS', 'is required when PAYLOAD_KEY_ID is set');
    return { ok: true, config: { keyring: developmentPayloadKeyring(), usesDevelopmentKey: true } };
  }

  const problems: PayloadKeyProblem[] = [];
  const keys: Array<[string, Buffer]> = [];
  keysText.split(',').forEach((entry, index) => {
    const problem = (message: string): void => void problems.push({ variable: 'PAYLOAD_KEYS', message: `entry ${index + 1}: ${message}` });
    const separator = entry.indexOf(':');
    // The entry itself is never echoed: without its separator it may be a bare key.
    if (separator < 0) return problem('must be id:base64key');
    const id = entry.slice(0, separator).trim();
    const encoded = entry.slice(separator + 1).trim();
    if (!PAYLOAD_KEY_ID_PATTERN.test(id)) return problem('the key id must be 1 to 64 letters, digits, dots, dashes or underscores');
    if (keys.some(([seen]) => seen === id)) return problem(`key id "${id}" occurs twice`);
    const bytes = Buffer.from(encoded, 'base64');
    // Buffer.from ignores what is not base64, so a typo could silently shorten a key: demand the canonical form.
    if (!BASE64.test(encoded) || bytes.toString('base64') !== encoded) return problem(`key "${id}" must be standard padded base64 (as openssl rand -base64 32 prints it)`);
    if (bytes.length !== PAYLOAD_KEY_BYTES) return problem(`key "${id}" must be ${PAYLOAD_KEY_BYTES} bytes (AES-256), not ${bytes.length}`);
    keys.push([id, bytes]);
  });
  const ids = keys.map(([id]) => id);
  if (activeKeyId === undefined) {
    problems.push({ variable: 'PAYLOAD_KEY_ID', message: 'is required when PAYLOAD_KEYS is set: the id of the key that encrypts new payloads' });
  } else if (problems.length === 0 && !ids.includes(activeKeyId)) {
    problems.push({ variable: 'PAYLOAD_KEY_ID', message: `"${activeKeyId}" is not one of the key ids in PAYLOAD_KEYS (${ids.join(', ')})` });
  }
  if (problems.length > 0 || activeKeyId === undefined) return { ok: false, problems };

  const usesDevelopmentKey = keys.some(([id, bytes]) => id === activeKeyId && bytes.equals(DEVELOPMENT_KEY));
  if (options.production && usesDevelopmentKey) {
    return refuse('PAYLOAD_KEY_ID', 'must not name the public development key when SCHAKEL_ENV=production (it may stay in PAYLOAD_KEYS to decrypt old development data)');
  }
  return { ok: true, config: { keyring: PayloadKeyring.of(activeKeyId, keys), usesDevelopmentKey } };
}

function refuse(variable: PayloadKeyVariable, message: string): PayloadKeysResult {
  return { ok: false, problems: [{ variable, message }] };
}
