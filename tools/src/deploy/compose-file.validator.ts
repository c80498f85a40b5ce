import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { parseDocument } from 'yaml';
import { findRepoRoot } from '../repo-root';

/**
 * Checks a docker-compose.yml without a Docker engine (issue 9). The YAML is parsed by the `yaml` package
 * (YAML 1.1 merge keys on, as Compose reads `<<: *anchor`), then validated against the Compose Specification's
 * own JSON schema (vendored: compose-spec.schema.json beside this file, see compose-spec.schema.NOTICE.md)
 * with Ajv, then held to our rules, which the schema cannot express.
 */

export type ComposeDocument = { services?: Record<string, ComposeService>; [key: string]: unknown };

export interface ComposeService {
  image?: string;
  build?: string | { context?: string; target?: string; dockerfile?: string };
  environment?: Record<string, string | number | boolean | null> | string[];
  env_file?: string | Array<string | { path: string; required?: boolean }>;
  depends_on?: string[] | Record<string, { condition?: string; required?: boolean }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  ports?: unknown[];
  container_name?: string;
  restart?: string;
  command?: string | string[];
  [key: string]: unknown;
}

/** Parses YAML; syntax errors and duplicate keys (which YAML forbids and Compose rejects) are problems. */
export function parseComposeYaml(text: string): { document: ComposeDocument | undefined; problems: string[] } {
  const parsed = parseDocument(text, { merge: true, uniqueKeys: true, prettyErrors: false });
  const problems = parsed.errors.map((error) => `YAML: ${error.message}`);
  if (problems.length > 0) return { document: undefined, problems };
  return { document: parsed.toJS({ maxAliasCount: 100 }) as ComposeDocument, problems };
}

let validateSpec: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null } = undefined as never;

/** Problems against the Compose Specification's JSON schema, as `path: message`. */
export function composeSpecProblems(document: unknown): string[] {
  if (validateSpec === undefined) {
    const schema = JSON.parse(readFileSync(join(findRepoRoot(__dirname), 'tools/src/deploy/compose-spec.schema.json'), 'utf8')) as Record<string, unknown>;
    // The schema names draft-07 by an https URL Ajv does not register under; the content is plain draft-07.
    delete schema['$schema'];
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    validateSpec = ajv.compile(schema);
  }
  if (validateSpec(document)) return [];
  return (validateSpec.errors ?? []).map((error) => `${error.instancePath || '/'}: ${error.message ?? 'invalid'}${error.params && 'additionalProperty' in error.params ? ` (${String(error.params['additionalProperty'])})` : ''}`);
}

/** The environment a service's `environment` sets (list or map form); values as written, before interpolation. */
export function environmentOf(service: ComposeService): Record<string, string> {
  const environment = service.environment ?? {};
  if (Array.isArray(environment)) {
    return Object.fromEntries(environment.map((entry) => [entry.split('=')[0] ?? '', entry.includes('=') ? entry.slice(entry.indexOf('=') + 1) : '']));
  }
  return Object.fromEntries(Object.entries(environment).map(([name, value]) => [name, value === null ? '' : String(value)]));
}

export function envFilesOf(service: ComposeService): Array<{ path: string; required: boolean }> {
  const files = service.env_file === undefined ? [] : Array.isArray(service.env_file) ? service.env_file : [service.env_file];
  return files.map((file) => (typeof file === 'string' ? { path: file, required: true } : { path: file.path, required: file.required ?? true }));
}

export function dependsOn(service: ComposeService): Record<string, string | undefined> {
  const dependencies = service.depends_on ?? {};
  if (Array.isArray(dependencies)) return Object.fromEntries(dependencies.map((name) => [name, undefined]));
  return Object.fromEntries(Object.entries(dependencies).map(([name, dependency]) => [name, dependency.condition]));
}

/** Names whose value is a credential: in the compose file only as `${…}` from the operator's .env, or in an env_file. */
const SECRET_NAME = /(SECRET|PASSWORD|PWD$|TOKEN|API_KEY|PRIVATE_KEY|PAYLOAD_KEYS?$)/i;
const INTERPOLATION_ONLY = /^\$\{[A-Za-z_][A-Za-z0-9_]*(:?[?-][^}]*)?\}$/;

export interface ComposeRuleOptions {
  /** Services that must scale (`--scale name=N`): no container_name, no fixed host port. */
  scalable: readonly string[];
  /** Dockerfile targets with a HEALTHCHECK, for `condition: service_healthy` on a built service. */
  targetsWithHealthcheck: ReadonlySet<string>;
  /** Dockerfile targets that exist. */
  targets: ReadonlySet<string>;
}

/** Our rules: dependencies with conditions that can be met, scalable workers, no credentials in the file. */
export function composeRuleProblems(document: ComposeDocument, options: ComposeRuleOptions): string[] {
  const problems: string[] = [];
  const services = document.services ?? {};
  for (const [name, service] of Object.entries(services)) {
    const target = typeof service.build === 'object' ? service.build.target : undefined;
    if (service.build !== undefined && (target === undefined || !options.targets.has(target))) {
      problems.push(`${name}: build.target ${target ?? '(none)'} is not a stage of the Dockerfile`);
    }
    for (const [dependency, condition] of Object.entries(dependsOn(service))) {
      const other = services[dependency];
      if (other === undefined) {
        problems.push(`${name}: depends on ${dependency}, which is not a service`);
        continue;
      }
      // A bare dependency only orders the starts; the process would meet a server that is not there yet.
      if (condition === undefined) problems.push(`${name}: depends_on ${dependency} needs a condition (service_healthy or service_completed_successfully)`);
      if (condition === 'service_healthy') {
        const otherTarget = typeof other.build === 'object' ? other.build.target : undefined;
        const hasHealthcheck = other.healthcheck?.disable !== true && (other.healthcheck?.test !== undefined || (otherTarget !== undefined && options.targetsWithHealthcheck.has(otherTarget)));
        if (!hasHealthcheck) problems.push(`${name}: waits for ${dependency} to be healthy, but ${dependency} has no health check`);
      }
      if (condition === 'service_completed_successfully' && other.restart !== undefined && other.restart !== 'no') {
        problems.push(`${name}: waits for ${dependency} to complete, but ${dependency} restarts (${other.restart})`);
      }
    }
    for (const [variable, value] of Object.entries(environmentOf(service))) {
      if (SECRET_NAME.test(variable) && !INTERPOLATION_ONLY.test(value)) problems.push(`${name}: ${variable} holds a value; take it from .env (\${${variable}:?…}) or an env_file`);
      // A URL's password likewise (postgres://user:password@host).
      const password = /^[a-z][a-z0-9+.-]*:\/\/[^:/@]+:([^@]+)@/i.exec(value)?.[1];
      if (password !== undefined && !INTERPOLATION_ONLY.test(password)) problems.push(`${name}: ${variable} has a password in the file; interpolate it from .env`);
    }
  }
  for (const name of options.scalable) {
    const service = services[name];
    if (service === undefined) {
      problems.push(`${name}: missing`);
      continue;
    }
    if (service.container_name !== undefined) problems.push(`${name}: container_name stops --scale (names must be unique)`);
    // A published port with a fixed host side can be bound by one replica only.
    for (const port of service.ports ?? []) {
      const published = typeof port === 'object' && port !== null ? (port as { published?: unknown }).published : String(port).split(':').length > 1 ? String(port) : undefined;
      if (published !== undefined) problems.push(`${name}: publishes ${String(typeof port === 'object' ? JSON.stringify(port) : port)} on the host, which only one replica can bind`);
    }
  }
  return problems;
}

/**
 * Compose's interpolation of `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?message}` and `${VAR?message}`
 * (Compose Specification, "Interpolation"), so a test can see the values a service gets from a given `.env`.
 * A required variable that is missing throws, as `docker compose` stops with its message.
 */
export function interpolate(value: string, variables: Readonly<Record<string, string | undefined>>): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}/g, (_whole, name: string, colon: string | undefined, operator: string | undefined, argument: string | undefined) => {
    const current = variables[name];
    const unset = current === undefined || (colon === ':' && current === '');
    if (!unset) return current;
    if (operator === '-') return argument ?? '';
    if (operator === '?') throw new Error(`required variable ${name} is missing: ${argument ?? ''}`);
    return '';
  });
}

/** `NAME=value` lines of an env file (comments and blank lines skipped), as Compose reads env_file. */
export function parseEnvFile(text: string): Record<string, string> {
  const entries: Array<[string, string]> = [];
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const separator = trimmed.indexOf('=');
    if (separator <= 0) throw new Error(`not NAME=value: ${trimmed.slice(0, 40)}`);
    entries.push([trimmed.slice(0, separator).trim(), trimmed.slice(separator + 1).trim()]);
  }
  return Object.fromEntries(entries);
}
