import { randomBytes } from 'node:crypto';
import { DEVELOPMENT_PAYLOAD_KEY_BASE64, DEVELOPMENT_PAYLOAD_KEY_ID } from './development-payload.key';
import { parsePayloadKeys, type PayloadKeyEnv, type PayloadKeyProblem } from './payload-keys.parser';

const KEY_A = randomBytes(32).toString('base64');
const KEY_B = randomBytes(32).toString('base64');

function problemsOf(env: PayloadKeyEnv, production = false): PayloadKeyProblem[] {
  const result = parsePayloadKeys(env, { production });
  if (result.ok) throw new Error('expected the payload keys to be refused');
  return result.problems;
}

describe('parsePayloadKeys', () => {
  it('takes every key for decryption and the named one for encryption', () => {
    const result = parsePayloadKeys({ PAYLOAD_KEYS: ` 2026-01:${KEY_A} , 2025-07:${KEY_B}`, PAYLOAD_KEY_ID: '2026-01' }, { production: true });

    expect(result.ok && [result.config.keyring.activeKeyId, result.config.keyring.keyIds, result.config.usesDevelopmentKey]).toEqual(['2026-01', ['2026-01', '2025-07'], false]);
  });

  it('falls back to the public development key outside production, and says so', () => {
    for (const env of [{}, { PAYLOAD_KEYS: '', PAYLOAD_KEY_ID: '' }]) {
      const result = parsePayloadKeys(env, { production: false });
      expect(result.ok && [result.config.keyring.keyIds, result.config.usesDevelopmentKey]).toEqual([[DEVELOPMENT_PAYLOAD_KEY_ID], true]);
    }
  });

  it('refuses to run production without keys of its own', () => {
    expect(problemsOf({}, true)).toEqual([{ variable: 'PAYLOAD_KEYS', message: expect.stringMatching(/^is required when SCHAKEL_ENV=production/) }]);
  });

  it('refuses the development key as production’s encryption key, but lets it decrypt old development data', () => {
    const development = `${DEVELOPMENT_PAYLOAD_KEY_ID}:${DEVELOPMENT_PAYLOAD_KEY_BASE64}`;
    expect(problemsOf({ PAYLOAD_KEYS: development, PAYLOAD_KEY_ID: DEVELOPMENT_PAYLOAD_KEY_ID }, true)).toEqual([
      { variable: 'PAYLOAD_KEY_ID', message: expect.stringMatching(/^must not name the public development key/) },
    ]);
    expect(problemsOf({ PAYLOAD_KEYS: `renamed:${DEVELOPMENT_PAYLOAD_KEY_BASE64}`, PAYLOAD_KEY_ID: 'renamed' }, true)).toHaveLength(1);
    expect(parsePayloadKeys({ PAYLOAD_KEYS: `2026-01:${KEY_A},${development}`, PAYLOAD_KEY_ID: '2026-01' }, { production: true }).ok).toBe(true);
  });

  it('requires the active key id with the keys, and the keys with the active key id', () => {
    expect(problemsOf({ PAYLOAD_KEYS: `2026-01:${KEY_A}` })).toEqual([{ variable: 'PAYLOAD_KEY_ID', message: expect.stringMatching(/^is required when PAYLOAD_KEYS is set/) }]);
    expect(problemsOf({ PAYLOAD_KEY_ID: '2026-01' })).toEqual([{ variable: 'PAYLOAD_KEYS', message: 'is required when PAYLOAD_KEY_ID is set' }]);
  });

  it('refuses an active key id that is not among the keys, naming the ids it has', () => {
    expect(problemsOf({ PAYLOAD_KEYS: `2025-07:${KEY_A},2026-01:${KEY_B}`, PAYLOAD_KEY_ID: '2026-02' })).toEqual([
      { variable: 'PAYLOAD_KEY_ID', message: '"2026-02" is not one of the key ids in PAYLOAD_KEYS (2025-07, 2026-01)' },
    ]);
  });

  it('names every malformed entry by position and id, never echoing key material', () => {
    const short = randomBytes(16).toString('base64');
    const problems = problemsOf({ PAYLOAD_KEYS: [KEY_A, `short:${short}`, `bad id:${KEY_B}`, `typo:${KEY_B.slice(0, -2)}!=`, `dup:${KEY_A}`, `dup:${KEY_B}`].join(','), PAYLOAD_KEY_ID: 'dup' });

    expect(problems).toEqual([
      { variable: 'PAYLOAD_KEYS', message: 'entry 1: must be id:base64key' },
      { variable: 'PAYLOAD_KEYS', message: 'entry 2: key "short" must be 32 bytes (AES-256), not 16' },
      { variable: 'PAYLOAD_KEYS', message: 'entry 3: the key id must be 1 to 64 letters, digits, dots, dashes or underscores' },
      { variable: 'PAYLOAD_KEYS', message: 'entry 4: key "typo" must be standard padded base64 (as openssl rand -base64 32 prints it)' },
      { variable: 'PAYLOAD_KEYS', message: 'entry 6: key id "dup" occurs twice' },
    ]);
    const told = JSON.stringify(problems);
    for (const secret of [KEY_A, KEY_B, short]) expect(told).not.toContain(secret);
  });
});
