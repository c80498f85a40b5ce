import { z } from 'zod';
import { REFERRAL_TASK_QUEUE } from '@schakel/workflows/contracts';

export const SCHAKEL_ENVS = ['development', 'test', 'production'] as const;
export type SchakelEnv = (typeof SCHAKEL_ENVS)[number];

/**
 * Signs development and test tokens only. Production refuses to boot without its own AUTH_JWT_SECRET,
 * so this value (public in the repository) can never protect real case data.
 */
export const DEVELOPMENT_JWT_SECRET = 'schakel-development-only-jwt-secret-do-not-use-in-production';

const DURATION_UNITS = { s: 1, m: 60, h: 3_600, d: 86_400 } as const;

/** A token lifetime such as `90s`, `30m`, `8h` or `1d`, as seconds. */
export const DURATION_SECONDS = z
  .string()
  .trim()
  .regex(/^\d{1,6}[smhd]$/, 'must be a whole number followed by s, m, h or d (e.g. 30m or 8h)')
  .transform((value) => Number(value.slice(0, -1)) * DURATION_UNITS[value.slice(-1) as keyof typeof DURATION_UNITS])
  .refine((seconds) => seconds > 0, 'must be longer than 0');

const HOST_AND_PORT = z.string().regex(/^[A-Za-z0-9.[\]:-]+:\d{1,5}$/, 'must be host:port, e.g. 127.0.0.1:7233');

const authEnvShape = {
  SCHAKEL_ENV: z.enum(SCHAKEL_ENVS).default('development'),
  AUTH_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  AUTH_TOKEN_TTL: DURATION_SECONDS.prefault('8h'),
};

/** Production never signs or accepts tokens with the development secret, which is public in the repository. */
function requireProductionSecret(values: { SCHAKEL_ENV: SchakelEnv; AUTH_JWT_SECRET?: string | undefined }, ctx: z.RefinementCtx): void {
  if (values.SCHAKEL_ENV !== 'production') return;
  if (values.AUTH_JWT_SECRET === undefined) {
    ctx.addIssue({ code: 'custom', path: ['AUTH_JWT_SECRET'], message: 'is required when SCHAKEL_ENV=production (at least 32 characters)' });
  } else if (values.AUTH_JWT_SECRET === DEVELOPMENT_JWT_SECRET) {
    ctx.addIssue({ code: 'custom', path: ['AUTH_JWT_SECRET'], message: 'must not be the public development secret when SCHAKEL_ENV=production' });
  }
}

const authEnvSchema = z.object(authEnvShape).superRefine(requireProductionSecret);

const apiEnvSchema = z
  .object({
    ...authEnvShape,
    PORT: z.coerce.number({ error: 'must be a port number' }).int('must be a port number').min(0).max(65_535).default(3000),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }),
    TEMPORAL_ADDRESS: HOST_AND_PORT.default('127.0.0.1:7233'),
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    TEMPORAL_TASK_QUEUE: z.string().min(1).default(REFERRAL_TASK_QUEUE),
    // A JSON deadline policy replacing the built-in national one (issue 3 §2); read and validated at boot.
    SCHAKEL_POLICY_FILE: z.string().trim().min(1).optional(),
  })
  .superRefine(requireProductionSecret);

export interface AuthConfig {
  /** HS256 key of the first-cut bearer tokens (issue 2 §4); issue 5 adds OIDC beside it. */
  jwtSecret: string;
  usesDevelopmentSecret: boolean;
  /** Lifetime of the tokens the development signer issues. */
  tokenTtlSeconds: number;
}

/** Everything the API reads from its environment, validated once at boot and grouped by concern. */
export class ApiConfig {
  constructor(
    readonly env: SchakelEnv,
    readonly http: { port: number },
    readonly database: { url: string },
    readonly temporal: { address: string; namespace: string; taskQueue: string },
    readonly auth: AuthConfig,
    /** Unset: the built-in NATIONAL_DEADLINE_POLICY. */
    readonly policy: { file: string | undefined },
  ) {}
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

function authConfigOf(values: z.output<typeof authEnvSchema>): AuthConfig {
  return {
    jwtSecret: values.AUTH_JWT_SECRET ?? DEVELOPMENT_JWT_SECRET,
    usesDevelopmentSecret: values.AUTH_JWT_SECRET === undefined || values.AUTH_JWT_SECRET === DEVELOPMENT_JWT_SECRET,
    tokenTtlSeconds: values.AUTH_TOKEN_TTL,
  };
}

/**
 * Reads and validates the API's configuration. The one place that reads `process.env` (CONVENTIONS.md,
 * habit 5); tests pass their own variables instead.
 */
export function loadApiConfig(env: EnvSource = process.env): ApiConfig {
  const values = parseEnv(apiEnvSchema, env);
  return new ApiConfig(
    values.SCHAKEL_ENV,
    { port: values.PORT },
    { url: values.DATABASE_URL },
    { address: values.TEMPORAL_ADDRESS, namespace: values.TEMPORAL_NAMESPACE, taskQueue: values.TEMPORAL_TASK_QUEUE },
    authConfigOf(values),
    { file: values.SCHAKEL_POLICY_FILE },
  );
}

/** The part of the configuration the token CLI needs; it runs without a database or Temporal. */
export function loadAuthConfig(env: EnvSource = process.env): { env: SchakelEnv; auth: AuthConfig } {
  const values = parseEnv(authEnvSchema, env);
  return { env: values.SCHAKEL_ENV, auth: authConfigOf(values) };
}
