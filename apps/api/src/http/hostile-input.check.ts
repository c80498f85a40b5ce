import { DomainError, type FieldIssue } from '@schakel/domain';

/**
 * Keys that reach Object.prototype when a body is merged or assigned into an object (prototype pollution, OWASP
 * Prototype Pollution Prevention Cheat Sheet). No Schakel body has such a field, so they are refused anywhere.
 */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The deepest body the API accepts is a few levels; deeper is only work for the validator (OWASP API4:2023). */
const MAX_DEPTH = 16;

/** An unpaired UTF-16 surrogate: JSON allows `"\ud800"`, UTF-8 (Postgres, Temporal payloads) cannot store it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function problemWithText(text: string): string | undefined {
  // Postgres text and jsonb cannot hold U+0000: such a value would pass validation and then fail the worker's
  // projection over and over, leaving the case's timeline behind.
  if (text.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode text (no unpaired surrogates)';
  return undefined;
}

/** A hostile key as an issue may name it: short, without control characters or surrogates. */
function printable(key: string): string {
  return key.slice(0, 100).replace(/[\u0000-\u001f\u007f\uD800-\uDFFF]/g, '?');
}

/**
 * Finds what no schema of ours should ever see, whatever the endpoint: NUL characters and broken Unicode in any
 * string or key, prototype keys, and nesting deeper than any real body. Walks with an explicit stack, so a hostile
 * depth cannot overflow the call stack. Issues name the field like the schemas do (`school.brin`, `goals.0`).
 */
export function hostileInputIssues(value: unknown, rootName: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const pending: Array<{ value: unknown; path: string[] }> = [{ value, path: [] }];
  const fieldOf = (path: readonly string[]): string => (path.length === 0 ? rootName : path.join('.'));
  while (pending.length > 0 && issues.length < 10) {
    const { value: current, path } = pending.pop() as { value: unknown; path: string[] };
    if (typeof current === 'string') {
      const problem = problemWithText(current);
      if (problem !== undefined) issues.push({ field: fieldOf(path), message: problem });
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (path.length >= MAX_DEPTH) {
      issues.push({ field: fieldOf(path), message: `is nested more than ${MAX_DEPTH} levels deep` });
      continue;
    }
    for (const [key, child] of Object.entries(current)) {
      const keyProblem = FORBIDDEN_KEYS.has(key) ? 'is not an accepted field name' : problemWithText(key);
      if (keyProblem !== undefined) issues.push({ field: fieldOf([...path, printable(key)]), message: keyProblem });
      else pending.push({ value: child, path: [...path, key] });
    }
  }
  return issues;
}

/** Throws VALIDATION_FAILED (400) naming each hostile field; see hostileInputIssues. */
export function refuseHostileInput(value: unknown, rootName: string): void {
  const issues = hostileInputIssues(value, rootName);
  if (issues.length === 0) return;
  throw new DomainError('VALIDATION_FAILED', `Invalid request: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`, issues);
}
