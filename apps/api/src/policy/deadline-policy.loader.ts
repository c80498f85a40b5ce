import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { deadlinePolicySchema, NATIONAL_DEADLINE_POLICY, type DeadlinePolicy } from '@schakel/domain';
import { InvalidConfigError } from '../config/api.config';

/** Where the active deadline policy came from: the built-in national one, or the file an operator named. */
export type DeadlinePolicyOrigin = { kind: 'built-in' } | { kind: 'file'; path: string };

export interface LoadedDeadlinePolicy {
  policy: DeadlinePolicy;
  origin: DeadlinePolicyOrigin;
}

export interface DeadlinePolicyLoadOptions {
  /** In production a term in `seconden` is refused: that unit exists for test policies only (ADR 0004). */
  production?: boolean;
  /** Injected by specs; the file is read once, at boot. */
  readFile?: (path: string) => string;
}

/** A policy file that cannot be used: the API does not start (issue 3 §2, "validated with clear errors"). */
export class InvalidDeadlinePolicyError extends InvalidConfigError {
  constructor(
    readonly path: string,
    problems: readonly string[],
  ) {
    super(problems.map((problem) => `SCHAKEL_POLICY_FILE (${path}): ${problem}`));
    this.name = 'InvalidDeadlinePolicyError';
  }
}

/**
 * The deadline policy the API starts cases under: the file named by SCHAKEL_POLICY_FILE, validated with
 * the domain's schema, or else the built-in NATIONAL_DEADLINE_POLICY. Runs before Nest starts, so a bad
 * file stops the boot with every bad field named instead of starting cases under a guess.
 */
export function loadDeadlinePolicy(file: string | undefined, options: DeadlinePolicyLoadOptions = {}): LoadedDeadlinePolicy {
  if (file === undefined) return { policy: NATIONAL_DEADLINE_POLICY, origin: { kind: 'built-in' } };
  const path = resolve(file);
  const read = options.readFile ?? ((p: string) => readFileSync(p, 'utf8'));

  let text: string;
  try {
    text = read(path);
  } catch (error) {
    throw new InvalidDeadlinePolicyError(path, [`cannot be read (${errorCodeOf(error)})`]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new InvalidDeadlinePolicyError(path, [`is not valid JSON (${error instanceof Error ? error.message : String(error)})`]);
  }
  const parsed = deadlinePolicySchema.safeParse(raw);
  if (!parsed.success) {
    throw new InvalidDeadlinePolicyError(
      path,
      parsed.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(policy)'}: ${issue.message}`),
    );
  }
  if (options.production === true) {
    const testTerms = pathsOfTestTerms(parsed.data);
    if (testTerms.length > 0) {
      throw new InvalidDeadlinePolicyError(path, testTerms.map((p) => `${p}: seconden is for test policies only, not when SCHAKEL_ENV=production`));
    }
  }
  return { policy: parsed.data, origin: { kind: 'file', path } };
}

/** The error's code (ENOENT, EACCES, EISDIR) says why a file cannot be read, without its content. */
function errorCodeOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.message : String(error);
}

/** Dotted paths of every term counted in seconden, e.g. `rules.toewijzing.term.unit`. */
function pathsOfTestTerms(value: unknown, path: readonly string[] = []): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => pathsOfTestTerms(item, [...path, String(index)]));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) =>
    key === 'unit' && child === 'seconden' ? [[...path, key].join('.')] : pathsOfTestTerms(child, [...path, key]),
  );
}
