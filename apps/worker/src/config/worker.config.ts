import { existsSync } from 'node:fs';
import { z } from 'zod';
import { REFERRAL_TASK_QUEUE } from '@schakel/workflows/contracts';
import { payloadKeyEnvShape, withPayloadEncryption, type PayloadEncryptionConfig } from '@schakel/payload-crypto';

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

/** The worker's whole environment; nothing else in the worker reads process.env (CONVENTIONS.md 5). */
const workerEnvSchema = z.object({
  DATABASE_URL: optional(z.string({ error: 'is required (a postgres:// URL)' }).pipe(POSTGRES_URL)),
  TEMPORAL_ADDRESS: optional(z.string().regex(/^\S+:\d{1,5}$/, 'must be host:port').default('127.0.0.1:7233')),
  TEMPORAL_NAMESPACE: optional(z.string().min(1).default('default')),
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
}).transform(withPayloadEncryption);

/** Validated worker settings, grouped by what they configure. Injected by its class. */
export class WorkerConfig {
  constructor(
    readonly env: SchakelEnv,
    readonly database: { readonly url: string },
    readonly temporal: {
      readonly address: string;
      readonly namespace: string;
      readonly taskQueue: string;
      /** A bundle from bundle-workflows.main; without one the worker bundles libs/workflows at start. */
      readonly workflowBundlePath: string | undefined;
      readonly maxCachedWorkflows: number;
      /** Passed to every child plan the worker starts; undefined: the workflow's default. */
      readonly childPlanHistoryLimit: number | undefined;
    },
    /** The keys every Temporal payload is encrypted with (issue 5 §3). */
    readonly payloadEncryption: PayloadEncryptionConfig,
  ) {}
}

export type WorkerConfigResult = { ok: true; config: WorkerConfig } | { ok: false; problems: string[] };

export function parseWorkerConfig(env: Readonly<Record<string, string | undefined>>): WorkerConfigResult {
  const parsed = workerEnvSchema.safeParse(env);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) };
  }
  const e = parsed.data;
  return {
    ok: true,
    config: new WorkerConfig(
      e.SCHAKEL_ENV,
      { url: e.DATABASE_URL },
      {
        address: e.TEMPORAL_ADDRESS,
        namespace: e.TEMPORAL_NAMESPACE,
        taskQueue: e.TEMPORAL_TASK_QUEUE,
        workflowBundlePath: e.WORKFLOW_BUNDLE_PATH,
        maxCachedWorkflows: e.WORKER_MAX_CACHED_WORKFLOWS,
        childPlanHistoryLimit: e.CHILD_PLAN_HISTORY_LIMIT,
      },
      e.payloadEncryption,
    ),
  };
}
