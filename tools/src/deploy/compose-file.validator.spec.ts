import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findRepoRoot } from '../repo-root';
import { composeRuleProblems, composeSpecProblems, dependsOn, parseComposeYaml, type ComposeDocument } from './compose-file.validator';
import { analyseDockerfile } from './dockerfile.validator';

const ROOT = findRepoRoot(__dirname);
const COMPOSE = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
const DOCKERFILE = analyseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
const RULES = {
  scalable: ['worker'],
  targets: new Set(DOCKERFILE.stages.map((stage) => stage.name)),
  targetsWithHealthcheck: new Set(DOCKERFILE.targets.filter((target) => target.healthcheck !== undefined).map((target) => target.stage)),
};

function documentOf(text: string): ComposeDocument {
  const { document, problems } = parseComposeYaml(text);
  if (document === undefined) throw new Error(problems.join('\n'));
  return document;
}

function broken(search: string | RegExp, replacement: string): string {
  const changed = COMPOSE.replace(search, replacement);
  if (changed === COMPOSE) throw new Error(`docker-compose.yml no longer contains ${String(search)}`);
  return changed;
}

describe('docker-compose.yml (issue 9; validated against the Compose Specification schema, never started here)', () => {
  const compose = documentOf(COMPOSE);

  it('is valid YAML and valid against the Compose Specification JSON schema', () => {
    expect(parseComposeYaml(COMPOSE).problems).toEqual([]);
    expect(composeSpecProblems(compose)).toEqual([]);
  });

  it('passes our rules: conditions on every dependency, health checks behind service_healthy, a scalable worker, no credentials in the file', () => {
    expect(composeRuleProblems(compose, RULES)).toEqual([]);
  });

  it('runs Postgres, Temporal with its schema job and UI, the migrations once, then the api and the worker', () => {
    expect(Object.keys(compose.services ?? {}).sort()).toEqual(['api', 'migrate', 'postgres', 'temporal', 'temporal-schema', 'temporal-setup', 'temporal-ui', 'worker']);
    const services = compose.services ?? {};
    expect(services['migrate']?.command).toEqual(['node', 'libs/persistence/dist/migrate.main.js']);
    for (const app of ['api', 'worker']) {
      expect(dependsOn(services[app] ?? {})).toMatchObject({ migrate: 'service_completed_successfully', 'temporal-setup': 'service_completed_successfully', postgres: 'service_healthy' });
    }
    expect(dependsOn(services['temporal'] ?? {})).toEqual({ 'temporal-schema': 'service_completed_successfully' });
    expect(services['temporal']?.image).toMatch(/^temporalio\/server:\d+\.\d+\.\d+$/);
    expect(services['temporal-schema']?.image).toMatch(/^temporalio\/admin-tools:/);
    expect([services['api']?.build, services['worker']?.build]).toEqual([
      { context: '.', target: 'api' },
      { context: '.', target: 'worker' },
    ]);
  });

  it('is refused by the schema when a key or a condition is not Compose', () => {
    expect(composeSpecProblems(documentOf(broken('stop_grace_period: 30s', 'stop_grace: 30s')))).toEqual(['/services/worker: must NOT have additional properties (stop_grace)']);
    expect(composeSpecProblems(documentOf(broken('migrate: { condition: service_completed_successfully }', 'migrate: { condition: completed }')))).toContain(
      '/services/api/depends_on/migrate/condition: must be equal to one of the allowed values',
    );
  });

  it('refuses YAML with a duplicate key', () => {
    expect(parseComposeYaml(broken('    restart: "no"\n', '    restart: "no"\n    restart: "no"\n')).problems).toEqual([expect.stringMatching(/^YAML: Map keys must be unique/)]);
  });

  it('refuses a worker that cannot scale: a container name or a fixed host port', () => {
    const named = documentOf(broken('    image: schakel-worker:', '    container_name: schakel-worker\n    image: schakel-worker:'));
    expect(composeRuleProblems(named, RULES)).toEqual(['worker: container_name stops --scale (names must be unique)']);
    const published = documentOf(broken('    expose: ["9464"]', '    ports: ["9464:9464"]'));
    expect(composeRuleProblems(published, RULES)).toEqual(['worker: publishes 9464:9464 on the host, which only one replica can bind']);
  });

  it('refuses a dependency without a condition, and service_healthy on a service without a health check', () => {
    const bare = documentOf(broken('      migrate: { condition: service_completed_successfully }\n      temporal-setup: { condition: service_completed_successfully }\n      postgres: { condition: service_healthy }\n    # One api', '      - migrate\n      - temporal-setup\n      - postgres\n    # One api'));
    expect(composeRuleProblems(bare, RULES)).toEqual([
      'api: depends_on migrate needs a condition (service_healthy or service_completed_successfully)',
      'api: depends_on temporal-setup needs a condition (service_healthy or service_completed_successfully)',
      'api: depends_on postgres needs a condition (service_healthy or service_completed_successfully)',
    ]);
    const unhealthy = documentOf(broken('temporal-schema: { condition: service_completed_successfully }', 'temporal-schema: { condition: service_healthy }'));
    expect(composeRuleProblems(unhealthy, RULES)).toEqual(['temporal: waits for temporal-schema to be healthy, but temporal-schema has no health check']);
  });

  it('refuses a credential written into the file', () => {
    const literal = documentOf(broken('      PORT: 3000\n', '      PORT: 3000\n      PAYLOAD_KEYS: 2026-01:abc\n'));
    expect(composeRuleProblems(literal, RULES)).toEqual(['api: PAYLOAD_KEYS holds a value; take it from .env (${PAYLOAD_KEYS:?…}) or an env_file']);
    const password = documentOf(broken(/DATABASE_URL: postgres:\/\/schakel:\$\{SCHAKEL_DB_PASSWORD:\?set SCHAKEL_DB_PASSWORD in \.env\}@/, 'DATABASE_URL: postgres://schakel:hunter2@'));
    expect(composeRuleProblems(password, RULES)).toEqual(['migrate: DATABASE_URL has a password in the file; interpolate it from .env']);
  });

  it('refuses a build target the Dockerfile does not have', () => {
    expect(composeRuleProblems(documentOf(broken('target: worker', 'target: workers')), RULES)).toEqual(['worker: build.target workers is not a stage of the Dockerfile']);
  });
});
