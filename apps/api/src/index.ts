// What the launcher and the end-to-end tests use from the API package.
export { createApiApp, type CreateApiAppOptions } from './api.app';
export { ApiConfig, InvalidConfigError, loadApiConfig, loadAuthConfig, DEVELOPMENT_JWT_SECRET, type AuthConfig, type EnvSource } from './config/api.config';
export { DevTokenSigner, type DevTokenOptions } from './auth/dev-token.signer';
