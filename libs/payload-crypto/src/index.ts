// Payload encryption for Temporal (issue 5 §3): the codec, its keyring and the configuration of its keys.
// Node-only (node:crypto): used by the API's client and the worker, never by libs/workflows or libs/domain.
export { DEVELOPMENT_PAYLOAD_KEY_BASE64, DEVELOPMENT_PAYLOAD_KEY_ID, DEVELOPMENT_PAYLOAD_KEY_WARNING, developmentPayloadKeyring } from './development-payload.key';
export { ENCRYPTED_ENCODING, ENCRYPTED_FAILURE_CONVERTER_PATH, ENCRYPTION_KEY_ID_METADATA, PayloadDecryptionError, PayloadEncryptionCodec, encryptingDataConverter } from './payload-encryption.codec';
export { UNDECRYPTABLE_ENCODING, UndecryptablePayloadCodec, workerDataConverter } from './undecryptable-payload.codec';
export { PAYLOAD_KEY_BYTES, PayloadKeyring } from './payload.keyring';
export {
  parsePayloadKeys,
  type PayloadEncryptionConfig,
  type PayloadKeyEnv,
  type PayloadKeyProblem,
  type PayloadKeyVariable,
  type PayloadKeysResult,
} from './payload-keys.parser';
export { payloadKeyEnvShape, withPayloadEncryption } from './payload-keys.schema';
