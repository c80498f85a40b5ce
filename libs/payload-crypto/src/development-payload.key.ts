import { PayloadKeyring } from './payload.keyring';

/**
 * DEVELOPMENT AND TESTS ONLY. This key is public (it is in the repository), so payloads encrypted with it
 * are readable by anyone: outside production it stands in when PAYLOAD_KEYS is unset, so `npm start` and
 * the tests run encrypted with zero configuration; production refuses to start without keys of its own
 * and refuses this one as its active key (parsePayloadKeys).
 */
export const DEVELOPMENT_PAYLOAD_KEY_ID = 'development-only';
export const DEVELOPMENT_PAYLOAD_KEY_BASE64 = 'sBCPmeSfCu29oXN7GCE9pvgA7Kvh6jA2+Fz6olVdGzk=';

/** What the API and the worker log at boot while they encrypt with it. */
export const DEVELOPMENT_PAYLOAD_KEY_WARNING = 'Temporal payloads are encrypted with the public development key: set PAYLOAD_KEYS and PAYLOAD_KEY_ID before real case data arrives';

/** The keyring of development, the tests and their recorded histories: the development key alone. */
export function developmentPayloadKeyring(): PayloadKeyring {
  return PayloadKeyring.of(DEVELOPMENT_PAYLOAD_KEY_ID, [[DEVELOPMENT_PAYLOAD_KEY_ID, Buffer.from(DEVELOPMENT_PAYLOAD_KEY_BASE64, 'base64')]]);
}
