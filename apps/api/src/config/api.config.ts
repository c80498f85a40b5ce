import { z } from 'zod';
import { REFERRAL_TASK_QUEUE } from '@schakel/workflows/contracts';
import { payloadKeyEnvShape, withPayloadEncryption, type PayloadEncryptionConfig } from '@schakel/payload-crypto';
import { observabilityEnvShape, withObservability, type ObservabilityConfig } from '@schakel/observability';
import { resolveTemporalConnection, TEMPORAL_ENVCONFIG_SHAPE, type TemporalConnectionSettings } from '@schakel/observability';

export const SCHAKEL_ENVS = ['development', 'test', 'production'] as const;
export type SchakelEnv = (typeof SCHAKEL_ENVS)[number];

/**
 * Signs development and test tokens only. Production refuses AUTH_MODE=development, so this value (public in
 * the repository) can never protect real case data.
 */
export const DEVELOPMENT_JWT_SECRET = 'schakel-development-only-jwt-secret-do-not-use-in-production';

/**
 * How the API authenticates bearer tokens (issue 5 §1): `oidc` verifies the identity provider's RS256/ES256
 * access tokens through its JWKS; `development` verifies the HS256 tokens of `npm run token`.
 */
export const AUTH_MODES = ['oidc', 'development'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

/**
 * Default claim names the identity provider maps a user's Schakel role, organisation and region to, and for an
 * ouder or jongere the pseudonymous references of the children they act for (an array; ADR 0016).
 */
export const DEFAULT_OIDC_CLAIMS = { role: 'schakel_role', org: 'schakel_org', region: 'schakel_region', children: 'schakel_children' } as const;

/** Clocks of the API and the identity provider may differ; more than minutes would keep expired tokens alive. */
const MAX_CLOCK_TOLERANCE_SECONDS = 300;

const DURATION_UNITS = { s: 1, m: 60, h: 3_600, d: 86_400 } as const;

const DURATION = z
  .string()
  .trim()
  .regex(/^\d{1,6}[smhd]$/, 'must be a whole number followed by s, m, h or d (e.g. 30m or 8h)')
  .transform((value) => Number(value.slice(0, -1)) * DURATION_UNITS[value.slice(-1) as keyof typeof DURATION_UNITS]);

/** A token lifetime such as `90s`, `30m`, `8h` or `1d`, as seconds. */
export const DURATION_SECONDS = DURATION.refine((seconds) => seconds > 0, 'must be longer than 0');

const CLOCK_TOLERANCE_SECONDS = DURATION.refine((seconds) => seconds <= MAX_CLOCK_TOLERANCE_SECONDS, `must be at most ${MAX_CLOCK_TOLERANCE_SECONDS}s`);

const HTTP_URL = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/** Any claim name a provider may use, including namespaced ones (`https://schakel.nl/role`). */
const CLAIM_NAME = z.string().trim().min(1).max(200);

const HOST_AND_PORT = z.string().regex(/^[A-Za-z0-9.[\]:-]+:\d{1,5}$/, 'must be host:port, e.g. 127.0.0.1:7233');

const authEnvShape = {
  SCHAKEL_ENV: z.enum(SCHAKEL_ENVS).default('development'),
  // Unset: `oidc` in production, `development` elsewhere (see authConfigOf).
  AUTH_MODE: z.enum(AUTH_MODES, { error: `must be one of ${AUTH_MODES.join(', ')}` }).optional(),
  AUTH_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  AUTH_TOKEN_TTL: DURATION_SECONDS.prefault('8h'),
  OIDC_ISSUER: HTTP_URL.optional(),
  OIDC_AUDIENCE: z.string().trim().min(1).optional(),
  // Unset: the `jwks_uri` of the issuer's discovery document (OpenID Connect Discovery 1.0 §4).
  OIDC_JWKS_URL: HTTP_URL.optional(),
  OIDC_CLOCK_TOLERANCE: CLOCK_TOLERANCE_SECONDS.prefault('30s'),
  OIDC_ROLE_CLAIM: CLAIM_NAME.default(DEFAULT_OIDC_CLAIMS.role),
  OIDC_ORG_CLAIM: CLAIM_NAME.default(DEFAULT_OIDC_CLAIMS.org),
  OIDC_REGION_CLAIM: CLAIM_NAME.default(DEFAULT_OIDC_CLAIMS.region),
  OIDC_CHILDREN_CLAIM: CLAIM_NAME.default(DEFAULT_OIDC_CLAIMS.children),
  // The web interface's public client id at the issuer (authorization code with PKCE, issue 8); unset: no browser sign-in.
  OIDC_CLIENT_ID: z.string().trim().min(1).max(200).optional(),
};

type AuthEnv = z.output<z.ZodObject<typeof authEnvShape>>;

/** Adds the validated AuthConfig; the extra rules below make an invalid combination a config error. */
function withAuthConfig<T extends AuthEnv>(values: T, ctx: z.RefinementCtx): T & { auth: AuthConfig } {
  return { ...values, auth: authConfigOf(values, ctx) };
}

const authEnvSchema = z.object(authEnvShape).transform(withAuthConfig);

// --- HTTP hardening (issue 5 §6): body size, rate limit, CORS, proxy hops ---

const BYTE_UNITS = { b: 1, kb: 1_024, mb: 1_024 * 1_024 } as const;

/**
 * A referral body is a few kilobytes; a limit in megabytes only lets a client make the API parse and hold
 * large documents (OWASP API4:2023, unrestricted resource consumption). Above 10mb is a typo.
 */
const BODY_LIMIT_BYTES = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^\d{1,8}(b|kb|mb)$/, 'must be a size such as 64kb or 1mb')
  .transform((value) => {
    const unit = /(kb|mb|b)$/.exec(value)?.[1] as keyof typeof BYTE_UNITS;
    return Number.parseInt(value, 10) * BYTE_UNITS[unit];
  })
  .refine((bytes) => bytes >= 1_024 && bytes <= 10 * BYTE_UNITS.mb, 'must be between 1kb and 10mb');

/** `scheme://host[:port]` exactly as a browser sends it in `Origin`: no path, no trailing slash, no wildcard. */
const EXACT_ORIGIN = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}, 'must be an exact origin such as https://app.schakel.example (scheme, host and optional port; no path, no trailing slash, no *)');

const ORIGIN_LIST = z
  .string()
  .transform((value) => value.split(',').map((origin) => origin.trim()).filter((origin) => origin !== ''))
  .pipe(z.array(EXACT_ORIGIN).max(50, 'must list at most 50 origins'));

const httpHardeningEnvShape = {
  API_BODY_LIMIT: BODY_LIMIT_BYTES.prefault('64kb'),
  // Requests per minute per client (token subject, else IP); 0 switches the limit off.
  RATE_LIMIT_PER_MINUTE: z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(0).max(1_000_000).default(600),
  // Unset: no CORS, so browsers on other origins cannot call the API at all.
  CORS_ORIGINS: ORIGIN_LIST.prefault(''),
  // Reverse proxies in front of the API whose X-Forwarded-For is trusted for the client IP; 0: the socket's address.
  TRUST_PROXY_HOPS: z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(0).max(10).default(0),
};

type HttpHardeningEnv = z.output<z.ZodObject<typeof httpHardeningEnvShape>> & { SCHAKEL_ENV: SchakelEnv };

/** How the API defends its HTTP surface (issue 5 §6); applied in api.app.ts. */
export interface HttpHardeningConfig {
  /** Largest JSON or urlencoded body accepted; larger answers 413 before it is parsed. */
  bodyLimitBytes: number;
  /** Token bucket size and refill per minute per client; 0: no limit. */
  rateLimitPerMinute: number;
  /** Origins whose browsers may call the API (CORS); empty: none. */
  corsOrigins: readonly string[];
  /** Express `trust proxy` hop count, so the rate limit keys on the client rather than the proxy. */
  trustProxyHops: number;
}

export interface HttpConfig extends HttpHardeningConfig {
  port: number;
}

/**
 * Production origins are https only: a page served over http can be altered in transit, so letting it read
 * case data would undo TLS on the API itself (OWASP HTML5 Security Cheat Sheet, CORS).
 */
function withHttpHardening<T extends HttpHardeningEnv>(values: T, ctx: z.RefinementCtx): T & { httpHardening: HttpHardeningConfig } {
  if (values.SCHAKEL_ENV === 'production') {
    for (const origin of values.CORS_ORIGINS.filter((o) => o.startsWith('http:'))) {
      ctx.addIssue({ code: 'custom', path: ['CORS_ORIGINS'], message: `must list https origins only when SCHAKEL_ENV=production (${origin})` });
    }
  }
  const httpHardening = {
    bodyLimitBytes: values.API_BODY_LIMIT,
    rateLimitPerMinute: values.RATE_LIMIT_PER_MINUTE,
    corsOrigins: values.CORS_ORIGINS,
    trustProxyHops: values.TRUST_PROXY_HOPS,
  };
  return { ...values, httpHardening };
}

// --- end of HTTP hardening ---

const apiEnvShape = {
    ...authEnvShape,
    ...httpHardeningEnvShape,
    // The keys of the Temporal payload codec (issue 5 §3), validated as the worker validates them.
    ...payloadKeyEnvShape,
    // LOG_LEVEL, LOG_FORMAT and OpenTelemetry's OTEL_* (issue 6 §5), read as the worker reads them.
    ...observabilityEnvShape,
    PORT: z.coerce.number({ error: 'must be a port number' }).int('must be a port number').min(0).max(65_535).default(3000),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }),
    // Unset: the TOML profile's (TEMPORAL_CONFIG_FILE / TEMPORAL_PROFILE), else 127.0.0.1:7233 and `default`.
    TEMPORAL_ADDRESS: HOST_AND_PORT.optional(),
    TEMPORAL_NAMESPACE: z.string().min(1).optional(),
    // Temporal Cloud or a cluster with TLS (issue 9): the standard variables, resolved by @temporalio/envconfig.
    ...TEMPORAL_ENVCONFIG_SHAPE,
    TEMPORAL_TASK_QUEUE: z.string().min(1).default(REFERRAL_TASK_QUEUE),
    // A JSON deadline policy replacing the built-in national one (issue 3 §2); read and validated at boot.
    SCHAKEL_POLICY_FILE: z.string().trim().min(1).optional(),
    // How often the retention Schedule sweeps closed cases past their bewaartermijn (issue 5 §5); 0 pauses it.
    RETENTION_SWEEP_INTERVAL: DURATION.prefault('1h'),
    // On SIGTERM (issue 6 §4, ADR 0010): readiness answers 503 for the delay while requests are still served,
    // so load balancers stop sending; then the listener closes and in-flight requests get the timeout to finish.
    API_SHUTDOWN_DELAY: DURATION.refine((seconds) => seconds <= 300, 'must be at most 300s').prefault('5s'),
    API_SHUTDOWN_TIMEOUT: DURATION_SECONDS.refine((seconds) => seconds <= 600, 'must be at most 600s').prefault('30s'),
    // A bearer token GET /metrics requires (issue 6 §5); unset, /metrics is open outside production and off in it.
    METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
};

/** Every variable the API reads; the compose file's check (tools/src/deploy) holds docker-compose.yml to it. */
export const API_ENV_VARIABLES: readonly string[] = Object.keys(apiEnvShape);

const apiEnvSchema = z
  .object(apiEnvShape)
  .transform(withAuthConfig)
  .transform(withHttpHardening)
  .transform(withPayloadEncryption)
  .transform(withObservability);

export interface OidcConfig {
  /** Compared exactly with the token's `iss` (a trailing slash counts). */
  issuer: string;
  /** The token's `aud` must name this API. */
  audience: string;
  /** Unset: discovered from `${issuer}/.well-known/openid-configuration`. */
  jwksUrl: string | undefined;
  clockToleranceSeconds: number;
  /** The claims holding the Actor's role, org, region and children (`sub` is always `sub`). */
  claims: { role: string; org: string; region: string; children: string };
  /** The web interface's public OAuth client id (PKCE, no secret); unset, the interface cannot sign anyone in. */
  clientId?: string;
}

/** The development signer's settings: used by AUTH_MODE=development, `npm run token` and the tests' tokens. */
export interface DevelopmentTokenConfig {
  /** HS256 key of the development bearer tokens (issue 2 §4). */
  jwtSecret: string;
  /** True when the API accepts tokens signed with the public DEVELOPMENT_JWT_SECRET. */
  usesDevelopmentSecret: boolean;
  /** Lifetime of the tokens the development signer issues. */
  tokenTtlSeconds: number;
}

export type AuthConfig = DevelopmentTokenConfig & ({ mode: 'development' } | { mode: 'oidc'; oidc: OidcConfig });

/** Everything the API reads from its environment, validated once at boot and grouped by concern. */
export class ApiConfig {
  constructor(
    readonly env: SchakelEnv,
    readonly http: HttpConfig,
    readonly database: { url: string },
    /** address, namespace and, for a cluster with TLS or Temporal Cloud, apiKey/tls/metadata (issue 9). */
    readonly temporal: TemporalConnectionSettings & { taskQueue: string },
    readonly auth: AuthConfig,
    /** file unset: the built-in NATIONAL_DEADLINE_POLICY. retentionSweepSeconds 0: the sweep's Schedule is paused. */
    readonly policy: { file: string | undefined; retentionSweepSeconds: number },
    /** The keys every Temporal payload is encrypted with (issue 5 §3). */
    readonly payloadEncryption: PayloadEncryptionConfig,
    /** Health, shutdown and metrics (issue 6 §4, §5). */
    readonly ops: OpsConfig,
    /** Logs and traces (issue 6 §5). */
    readonly observability: ObservabilityConfig,
  ) {}
}

export interface OpsConfig {
  /** After SIGTERM, how long readiness answers 503 while requests are still served. */
  shutdownDelaySeconds: number;
  /** After the listener closed, how long in-flight requests may take before their connections are cut. */
  shutdownTimeoutSeconds: number;
  /** Required as a bearer token by GET /metrics when set. */
  metricsToken: string | undefined;
  /** Whether GET /metrics answers at all: off in production unless a token protects it. */
  metricsEnabled: boolean;
}

export type EnvSource = Readonly<Record<string, string | undefined>>;

export class InvalidConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'InvalidConfigError';
  }
}

function parseEnv<S extends z.ZodType>(schema: S, env: EnvSource): z.output<S> {
  // An exported but empty variable (`PORT=`) means "not set", as in a docker-compose file with blanks.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(present);
  if (!result.success) {
    throw new InvalidConfigError(result.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`));
  }
  return result.data;
}

/**
 * Builds the auth settings, refusing what production must never run with (issue 5 §1): production accepts
 * only the identity provider's tokens, because a development token is signed with a shared secret that anyone
 * holding the repository or the deployment can use. Validating and building in one step means an oidc
 * configuration cannot exist without its issuer and audience.
 */
function authConfigOf(values: AuthEnv, ctx: z.RefinementCtx): AuthConfig {
  const refuse = (variable: keyof AuthEnv, message: string): void => ctx.addIssue({ code: 'custom', path: [variable], message });
  const production = values.SCHAKEL_ENV === 'production';
  if (production && values.AUTH_MODE === 'development') {
    refuse('AUTH_MODE', 'must not be development when SCHAKEL_ENV=production: production accepts only OIDC tokens (AUTH_MODE=oidc)');
    return z.NEVER;
  }
  const mode = values.AUTH_MODE ?? (production ? 'oidc' : 'development');
  const development: DevelopmentTokenConfig = {
    jwtSecret: values.AUTH_JWT_SECRET ?? DEVELOPMENT_JWT_SECRET,
    usesDevelopmentSecret: mode === 'development' && (values.AUTH_JWT_SECRET ?? DEVELOPMENT_JWT_SECRET) === DEVELOPMENT_JWT_SECRET,
    tokenTtlSeconds: values.AUTH_TOKEN_TTL,
  };
  if (mode === 'development') return { ...development, mode };

  const { OIDC_ISSUER: issuer, OIDC_AUDIENCE: audience } = values;
  const because = values.AUTH_MODE === undefined ? 'when SCHAKEL_ENV=production (AUTH_MODE defaults to oidc)' : 'when AUTH_MODE=oidc';
  if (issuer === undefined) refuse('OIDC_ISSUER', `is required ${because}`);
  if (audience === undefined) refuse('OIDC_AUDIENCE', `is required ${because}`);
  if (production) {
    // The issuer is an https URL (OpenID Connect Core 1.0 §2); plain http is for a local test provider only.
    for (const variable of ['OIDC_ISSUER', 'OIDC_JWKS_URL'] as const) {
      if (values[variable]?.startsWith('http:')) refuse(variable, 'must be an https URL when SCHAKEL_ENV=production');
    }
  }
  if (issuer === undefined || audience === undefined) return z.NEVER;
  const oidc: OidcConfig = {
    issuer,
    audience,
    jwksUrl: values.OIDC_JWKS_URL,
    clockToleranceSeconds: values.OIDC_CLOCK_TOLERANCE,
    claims: { role: values.OIDC_ROLE_CLAIM, org: values.OIDC_ORG_CLAIM, region: values.OIDC_REGION_CLAIM, children: values.OIDC_CHILDREN_CLAIM },
    ...(values.OIDC_CLIENT_ID === undefined ? {} : { clientId: values.OIDC_CLIENT_ID }),
  };
  return { ...development, mode, oidc };
}

/**
 * Reads and validates the API's configuration. The one place that reads `process.env` (CONVENTIONS.md,
 * habit 5); tests pass their own variables instead.
 */
export function loadApiConfig(env: EnvSource = process.env): ApiConfig {
  const values = parseEnv(apiEnvSchema, env);
  const connection = resolveTemporalConnection(env);
  if (!connection.ok) throw new InvalidConfigError(connection.problems);
  return new ApiConfig(
    values.SCHAKEL_ENV,
    { port: values.PORT, ...values.httpHardening },
    { url: values.DATABASE_URL },
    { ...connection.settings, taskQueue: values.TEMPORAL_TASK_QUEUE },
    values.auth,
    { file: values.SCHAKEL_POLICY_FILE, retentionSweepSeconds: values.RETENTION_SWEEP_INTERVAL },
    values.payloadEncryption,
    {
      shutdownDelaySeconds: values.API_SHUTDOWN_DELAY,
      shutdownTimeoutSeconds: values.API_SHUTDOWN_TIMEOUT,
      metricsToken: values.METRICS_TOKEN,
      // The API's port is public: in production its metrics need a token (ADR 0010).
      metricsEnabled: values.METRICS_TOKEN !== undefined || values.SCHAKEL_ENV !== 'production',
    },
    values.observability,
  );
}

/** The part of the configuration the token CLI needs; it runs without a database or Temporal. */
export function loadAuthConfig(env: EnvSource = process.env): { env: SchakelEnv; auth: AuthConfig } {
  const values = parseEnv(authEnvSchema, env);
  return { env: values.SCHAKEL_ENV, auth: values.auth };
}
