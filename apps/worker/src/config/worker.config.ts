import { existsSync } from 'node:fs';
import { z } from 'zod';
import { REFERRAL_TASK_QUEUE } from '@schakel/workflows/contracts';
import { payloadKeyEnvShape, withPayloadEncryption, type PayloadEncryptionConfig } from '@schakel/payload-crypto';
import { observabilityEnvShape, withObservability, type ObservabilityConfig } from '@schakel/observability';
import { resolveTemporalConnection, TEMPORAL_ENVCONFIG_SHAPE, type TemporalConnectionSettings } from '@schakel/observability';

export const SCHAKEL_ENVS = ['development', 'test', 'production'] as const;
export type SchakelEnv = (typeof SCHAKEL_ENVS)[number];

// An exported-but-empty variable (`FOO=`) counts as unset, so defaults still apply.
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema);

const POSTGRES_URL = z.string().refine(
  (value) => {
    try {
      return ['postgres:', 'postgresql:'].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  },
  // The value itself is never echoed: it may carry a password.
  { message: 'must be a postgres:// URL' },
);

const DURATION_UNITS_MS = { ms: 1, s: 1_000, m: 60_000 } as const;

/** A duration such as `500ms`, `10s` or `2m`, as milliseconds. */
const DURATION_MS = z
  .string()
  .trim()
  .regex(/^\d{1,6}(ms|s|m)$/, 'must be a whole number followed by ms, s or m (e.g. 10s)')
  .transform((value) => {
    const unit = /(ms|s|m)$/.exec(value)?.[1] as keyof typeof DURATION_UNITS_MS;
    return Number.parseInt(value, 10) * DURATION_UNITS_MS[unit];
  });

/** The ops server's default port: the port OpenTelemetry's Prometheus exporters use by convention. */
export const DEFAULT_WORKER_OPS_PORT = 9464;

/** The worker's whole environment; nothing else in the worker reads process.env (CONVENTIONS.md 5). */
const workerEnvShape = {
  DATABASE_URL: optional(z.string({ error: 'is required (a postgres:// URL)' }).pipe(POSTGRES_URL)),
  // Unset: the TOML profile's (TEMPORAL_CONFIG_FILE / TEMPORAL_PROFILE), else 127.0.0.1:7233 and `default`.
  TEMPORAL_ADDRESS: optional(z.string().regex(/^\S+:\d{1,5}$/, 'must be host:port').optional()),
  TEMPORAL_NAMESPACE: optional(z.string().min(1).optional()),
  // Temporal Cloud or a cluster with TLS (issue 9): the standard variables, resolved by @temporalio/envconfig.
  ...TEMPORAL_ENVCONFIG_SHAPE,
  TEMPORAL_TASK_QUEUE: optional(z.string().min(1).default(REFERRAL_TASK_QUEUE)),
  WORKFLOW_BUNDLE_PATH: optional(z.string().refine((path) => existsSync(path), 'no file at this path (build it with bundle-workflows)').optional()),
  WORKER_MAX_CACHED_WORKFLOWS: optional(
    z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(0, 'must not be negative').default(1000),
  ),
  // A plan continues as new at this many history events (issue 4 §1); tests and load runs set it low.
  CHILD_PLAN_HISTORY_LIMIT: optional(z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(10, 'must be at least 10').max(50_000, 'must be at most 50000').optional()),
  SCHAKEL_ENV: optional(z.enum(SCHAKEL_ENVS, { error: `must be one of ${SCHAKEL_ENVS.join(', ')}` }).default('development')),
  // The keys of the Temporal payload codec (issue 5 §3), validated as the API validates them.
  ...payloadKeyEnvShape,
  // LOG_LEVEL, LOG_FORMAT and OpenTelemetry's OTEL_* (issue 6 §5), read as the API reads them.
  ...observabilityEnvShape,
  // Health and metrics over HTTP (issue 6 §4, §5); 0 switches the ops server off.
  WORKER_OPS_PORT: optional(z.coerce.number({ error: 'must be a port number' }).int('must be a port number').min(0).max(65_535).default(DEFAULT_WORKER_OPS_PORT)),
  // Unset: every interface, as the API listens; 127.0.0.1 keeps it to a sidecar on the same host.
  WORKER_OPS_HOST: optional(z.string().trim().min(1).optional()),
  // A bearer token /metrics requires when set (the same variable as the API's); health stays open for probes.
  METRICS_TOKEN: optional(z.string().min(32, 'must be at least 32 characters').optional()),
  // Drain on SIGTERM (ADR 0010): in-flight activities get the grace time to finish before they are cancelled;
  // at the force time the worker gives up and exits 1, and the server retries what was left after its timeout.
  WORKER_SHUTDOWN_GRACE_TIME: optional(DURATION_MS.prefault('10s')),
  WORKER_SHUTDOWN_FORCE_TIME: optional(DURATION_MS.prefault('25s')),
};

/** Every variable the worker reads; the compose file's check (tools/src/deploy) holds docker-compose.yml to it. */
export const WORKER_ENV_VARIABLES: readonly string[] = Object.keys(workerEnvShape);

const workerEnvSchema = z.object(workerEnvShape)
  // Production loads the bundle built into the image (CONVENTIONS.md 6): bundling at start would need the
  // workflow sources and webpack in the image, take seconds of CPU per start, and could bundle other code
  // than the replay spec tested.
  .refine((env) => env.SCHAKEL_ENV !== 'production' || env.WORKFLOW_BUNDLE_PATH !== undefined, {
    path: ['WORKFLOW_BUNDLE_PATH'],
    message: 'is required when SCHAKEL_ENV=production (node apps/worker/dist/bundle-workflows.main.js <file>; the Dockerfile builds it)',
  })
  // Compared only once both parsed: a bad value is reported on its own, not as a wrong order too.
  .refine((env) => typeof env.WORKER_SHUTDOWN_GRACE_TIME !== 'number' || typeof env.WORKER_SHUTDOWN_FORCE_TIME !== 'number' || env.WORKER_SHUTDOWN_FORCE_TIME > env.WORKER_SHUTDOWN_GRACE_TIME, {
    path: ['WORKER_SHUTDOWN_FORCE_TIME'],
    message: 'must be longer than WORKER_SHUTDOWN_GRACE_TIME',
  })
  .transform(withPayloadEncryption)
  .transform(withObservability);

/** Validated worker settings, grouped by what they configure. Injected by its class. */
export class WorkerConfig {
  constructor(
    readonly env: SchakelEnv,
    readonly database: { readonly url: string },
    /** address, namespace and, for a cluster with TLS or Temporal Cloud, apiKey/tls/metadata (issue 9). */
    readonly temporal: Readonly<TemporalConnectionSettings> & {
      readonly taskQueue: string;
      /** A bundle from bundle-workflows.main; without one the worker bundles libs/workflows at start. */
      readonly workflowBundlePath: string | undefined;
      readonly maxCachedWorkflows: number;
      /** Passed to every child plan the worker starts; undefined: the workflow's default. */
      readonly childPlanHistoryLimit: number | undefined;
    },
    /** The keys every Temporal payload is encrypted with (issue 5 §3). */
    readonly payloadEncryption: PayloadEncryptionConfig,
    /** The ops HTTP server (health, metrics; issue 6 §4, §5). port 0: off. */
    readonly ops: { readonly port: number; readonly host: string | undefined; readonly metricsToken: string | undefined },
    /** How the worker drains on SIGTERM (Temporal's shutdownGraceTime and shutdownForceTime). */
    readonly shutdown: { readonly graceTimeMs: number; readonly forceTimeMs: number },
    /** Logs and traces (issue 6 §5). */
    readonly observability: ObservabilityConfig,
  ) {}
}

export type WorkerConfigResult = { ok: true; config: WorkerConfig } | { ok: false; problems: string[] };

export function parseWorkerConfig(env: Readonly<Record<string, string | undefined>>): WorkerConfigResult {
  const parsed = workerEnvSchema.safeParse(env);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) };
  }
  const connection = resolveTemporalConnection(env);
  if (!connection.ok) return connection;
  const e = parsed.data;
  return {
    ok: true,
    config: new WorkerConfig(
      e.SCHAKEL_ENV,
      { url: e.DATABASE_URL },
      {
        ...connection.settings,
        taskQueue: e.TEMPORAL_TASK_QUEUE,
        workflowBundlePath: e.WORKFLOW_BUNDLE_PATH,
        maxCachedWorkflows: e.WORKER_MAX_CACHED_WORKFLOWS,
        childPlanHistoryLimit: e.CHILD_PLAN_HISTORY_LIMIT,
      },
      e.payloadEncryption,
      { port: e.WORKER_OPS_PORT, host: e.WORKER_OPS_HOST, metricsToken: e.METRICS_TOKEN },
      { graceTimeMs: e.WORKER_SHUTDOWN_GRACE_TIME, forceTimeMs: e.WORKER_SHUTDOWN_FORCE_TIME },
      e.observability,
    ),
  };
}
