import { loadClientConnectConfig } from '@temporalio/envconfig';
import type { TLSConfig } from '@temporalio/common/lib/internal-non-workflow';
import { z } from 'zod';

/**
 * Temporal's standard client environment configuration (docs.temporal.io/references/client-environment-configuration),
 * read by the SDK's own `@temporalio/envconfig` rather than by names of ours, so the CLI, the API and the worker
 * take the same variables and the same TOML profiles. Both apps' config schemas use it.
 */
// An exported but empty variable counts as unset, as everywhere in both apps' schemas.
const unsetIfEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema);

export const TEMPORAL_ENVCONFIG_SHAPE = {
  TEMPORAL_API_KEY: unsetIfEmpty(z.string().trim().min(1).optional()),
  // `true`/`1` switches TLS on, `false`/`0` off; unset: on when an API key or a certificate is given.
  TEMPORAL_TLS: unsetIfEmpty(z.enum(['true', 'false', '1', '0'], { error: 'must be true or false' }).optional()),
  TEMPORAL_TLS_CLIENT_CERT_PATH: unsetIfEmpty(z.string().trim().min(1).optional()),
  TEMPORAL_TLS_CLIENT_CERT_DATA: unsetIfEmpty(z.string().min(1).optional()),
  TEMPORAL_TLS_CLIENT_KEY_PATH: unsetIfEmpty(z.string().trim().min(1).optional()),
  TEMPORAL_TLS_CLIENT_KEY_DATA: unsetIfEmpty(z.string().min(1).optional()),
  TEMPORAL_TLS_SERVER_CA_CERT_PATH: unsetIfEmpty(z.string().trim().min(1).optional()),
  TEMPORAL_TLS_SERVER_CA_CERT_DATA: unsetIfEmpty(z.string().min(1).optional()),
  TEMPORAL_TLS_SERVER_NAME: unsetIfEmpty(z.string().trim().min(1).optional()),
  // A profile of the TOML file (TEMPORAL_CONFIG_FILE, else ~/.config/temporalio/temporal.toml); unset: `default`.
  TEMPORAL_PROFILE: unsetIfEmpty(z.string().trim().min(1).optional()),
  TEMPORAL_CONFIG_FILE: unsetIfEmpty(z.string().trim().min(1).optional()),
};

/** What the Connection (API) or NativeConnection (worker) gets besides its interceptors. */
export interface TemporalConnectionSettings {
  address: string;
  namespace: string;
  /** Temporal Cloud API key; sent as a bearer token, TLS on. */
  apiKey?: string | undefined;
  /** true: TLS with the system's roots; an object: mTLS and/or a private CA; false/undefined: plain. */
  tls?: TLSConfig | boolean | undefined;
  /** TEMPORAL_GRPC_META_* and the profile's grpc_meta. */
  metadata?: Record<string, string> | undefined;
}

export const DEFAULT_TEMPORAL_ADDRESS = '127.0.0.1:7233';
export const DEFAULT_TEMPORAL_NAMESPACE = 'default';
const HOST_AND_PORT = /^[A-Za-z0-9.[\]:_-]+:\d{1,5}$/;

/**
 * Resolves the connection as the SDK does (environment over TOML profile) and checks what the SDK leaves to
 * the first RPC: a cert without its key, an unreadable file, a missing profile. `env` is the whole environment
 * (HOME locates the default TOML file; TEMPORAL_GRPC_META_* are open-ended). Messages name variables and files,
 * never an API key or key material.
 */
export function resolveTemporalConnection(env: Readonly<Record<string, string | undefined>>): { ok: true; settings: TemporalConnectionSettings } | { ok: false; problems: string[] } {
  const present = Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''));
  const problems: string[] = [];
  const has = (name: string): boolean => present[name] !== undefined;
  const cert = has('TEMPORAL_TLS_CLIENT_CERT_PATH') || has('TEMPORAL_TLS_CLIENT_CERT_DATA');
  const key = has('TEMPORAL_TLS_CLIENT_KEY_PATH') || has('TEMPORAL_TLS_CLIENT_KEY_DATA');
  // The SDK silently drops a client certificate without its key, and the server then refuses the handshake.
  if (cert && !key) problems.push('TEMPORAL_TLS_CLIENT_KEY_PATH: is required with TEMPORAL_TLS_CLIENT_CERT_PATH (mTLS needs the key too)');
  if (key && !cert) problems.push('TEMPORAL_TLS_CLIENT_CERT_PATH: is required with TEMPORAL_TLS_CLIENT_KEY_PATH (mTLS needs the certificate too)');
  if (problems.length > 0) return { ok: false, problems };
  let loaded: ReturnType<typeof loadClientConnectConfig>;
  try {
    loaded = loadClientConnectConfig({ overrideEnvVars: present });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const path = (error as NodeJS.ErrnoException).path;
    const variable = code === 'ENOENT' || code === 'EACCES' ? fileVariableOf(present, path) : has('TEMPORAL_PROFILE') && /Profile/.test(String(error)) ? 'TEMPORAL_PROFILE' : 'TEMPORAL_CONFIG_FILE';
    const reason = code === 'ENOENT' ? `no file at ${path ?? 'the given path'}` : code === 'EACCES' ? `cannot read ${path ?? 'the given file'}` : error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [`${variable}: ${reason}`] };
  }
  const { connectionOptions, namespace } = loaded;
  const address = connectionOptions.address ?? DEFAULT_TEMPORAL_ADDRESS;
  if (!HOST_AND_PORT.test(address)) problems.push('TEMPORAL_ADDRESS: must be host:port, e.g. 127.0.0.1:7233');
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    settings: {
      address,
      namespace: namespace ?? DEFAULT_TEMPORAL_NAMESPACE,
      apiKey: connectionOptions.apiKey,
      tls: connectionOptions.tls ?? undefined,
      metadata: connectionOptions.metadata === undefined || Object.keys(connectionOptions.metadata).length === 0 ? undefined : (connectionOptions.metadata as Record<string, string>),
    },
  };
}

function fileVariableOf(env: Record<string, string>, path: string | undefined): string {
  const variables = ['TEMPORAL_TLS_CLIENT_CERT_PATH', 'TEMPORAL_TLS_CLIENT_KEY_PATH', 'TEMPORAL_TLS_SERVER_CA_CERT_PATH', 'TEMPORAL_CONFIG_FILE'];
  return variables.find((variable) => env[variable] !== undefined && env[variable] === path) ?? 'TEMPORAL_CONFIG_FILE';
}
