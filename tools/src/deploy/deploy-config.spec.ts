import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_ENV_VARIABLES, loadApiConfig } from '../../../apps/api/src/config/api.config';
import { WORKER_ENV_VARIABLES, parseWorkerConfig } from '../../../apps/worker/src/config/worker.config';
import { findRepoRoot } from '../repo-root';
import { envFilesOf, environmentOf, interpolate, parseComposeYaml, parseEnvFile, type ComposeDocument } from './compose-file.validator';
import { analyseDockerfile } from './dockerfile.validator';

const ROOT = findRepoRoot(__dirname);
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

/**
 * Issue 9, across files: what docker-compose.yml, its env files and the Dockerfile give the api and the worker is
 * exactly what their config schemas know, and enough for them to start in production. The names come from the
 * apps' own schemas (API_ENV_VARIABLES, WORKER_ENV_VARIABLES), so a renamed or new variable turns this red.
 */
describe('the deployment files against the apps’ config schemas', () => {
  const compose = parseComposeYaml(read('docker-compose.yml')).document as ComposeDocument;
  const dockerfile = analyseDockerfile(read('Dockerfile'));
  // What an operator's .env holds (deploy/compose.env.example, with its placeholders standing as values).
  const dotEnv = parseEnvFile(read('deploy/compose.env.example'));
  // The secrets' example files hold placeholders; a deployment puts real values there, as this test does.
  const realSecrets: Record<string, string> = {
    PAYLOAD_KEYS: `2026-01:${randomBytes(32).toString('base64')}`,
    METRICS_TOKEN: randomBytes(24).toString('hex'),
  };

  /** The environment a service's process sees: image ENV, then env_file (from the .example), then `environment`. */
  function environmentSeenBy(service: 'api' | 'worker'): { names: string[]; env: Record<string, string> } {
    const definition = compose.services?.[service] ?? {};
    const target = dockerfile.targets.find((candidate) => candidate.stage === service);
    if (target === undefined) throw new Error(`no Dockerfile target ${service}`);
    const fromFiles = envFilesOf(definition).map((file) => parseEnvFile(read(`${file.path}.example`)));
    const fromCompose = Object.fromEntries(Object.entries(environmentOf(definition)).map(([name, value]) => [name, interpolate(value, dotEnv)]));
    const files = Object.assign({}, ...fromFiles) as Record<string, string>;
    const names = [...Object.keys(files), ...Object.keys(fromCompose)];
    const env = { ...target.env, ...files, ...fromCompose };
    for (const [name, value] of Object.entries(realSecrets)) if (name in env) env[name] = value;
    return { names, env };
  }

  it('sets for the api only variables the api reads', () => {
    const { names } = environmentSeenBy('api');
    expect(names.filter((name) => !API_ENV_VARIABLES.includes(name))).toEqual([]);
    expect(names).toEqual(expect.arrayContaining(['DATABASE_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'PAYLOAD_KEYS', 'PAYLOAD_KEY_ID', 'OIDC_ISSUER', 'OIDC_AUDIENCE']));
  });

  it('sets for the worker only variables the worker reads', () => {
    const { names } = environmentSeenBy('worker');
    expect(names.filter((name) => !WORKER_ENV_VARIABLES.includes(name))).toEqual([]);
    expect(names).toEqual(expect.arrayContaining(['DATABASE_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'PAYLOAD_KEYS', 'PAYLOAD_KEY_ID']));
  });

  it('gives the api everything production requires: its config loads from the image, the env files and the compose file', () => {
    const { env } = environmentSeenBy('api');
    const config = loadApiConfig(env);
    expect(config.env).toBe('production');
    expect(config.auth.mode).toBe('oidc');
    expect(config.temporal).toMatchObject({ address: 'temporal:7233', namespace: 'schakel' });
    expect(config.payloadEncryption.usesDevelopmentKey).toBe(false);
    expect(config.ops.metricsEnabled).toBe(true);
    // The compose file's port mapping reaches the port the api listens on and the image's HEALTHCHECK probes.
    expect(compose.services?.['api']?.ports).toEqual([`\${SCHAKEL_API_PORT:-3000}:${config.http.port}`]);
  });

  it('gives the worker everything production requires, the prebuilt bundle included', () => {
    const { env } = environmentSeenBy('worker');
    // The bundle exists only inside the image; its path is the one the image's RUN writes (dockerfile spec).
    expect(env['WORKFLOW_BUNDLE_PATH']).toBe('/app/workflow-bundle.js');
    const result = parseWorkerConfig({ ...env, WORKFLOW_BUNDLE_PATH: __filename });
    expect(result.ok ? [] : result.problems).toEqual([]);
    expect(result.ok && result.config.ops.port).toBe(9464);
    expect(compose.services?.['worker']?.['expose']).toEqual([String(result.ok && result.config.ops.port)]);
    // And without the bundle the worker refuses production rather than bundle at start.
    expect(parseWorkerConfig({ ...env, WORKFLOW_BUNDLE_PATH: '' })).toEqual({ ok: false, problems: [expect.stringMatching(/^WORKFLOW_BUNDLE_PATH: is required when SCHAKEL_ENV=production/)] });
  });

  it('turns red when a required variable is missing from the files (the api without its OIDC audience)', () => {
    const { env } = environmentSeenBy('api');
    delete env['OIDC_AUDIENCE'];
    expect(() => loadApiConfig(env)).toThrow(/OIDC_AUDIENCE: is required/);
  });

  it('turns red when compose sets a variable the app does not know', () => {
    expect(API_ENV_VARIABLES).not.toContain('TEMPORAL_HOST');
    expect(WORKER_ENV_VARIABLES).not.toContain('OIDC_ISSUER');
    expect(WORKER_ENV_VARIABLES).toEqual(expect.arrayContaining(['TEMPORAL_API_KEY', 'TEMPORAL_TLS_CLIENT_CERT_PATH', 'TEMPORAL_PROFILE']));
  });

  it('mounts scripts and env files that exist, and keeps the filled-in copies out of git and of the image', () => {
    for (const [name, service] of Object.entries(compose.services ?? {})) {
      for (const volume of (service['volumes'] as string[] | undefined) ?? []) {
        const source = volume.split(':')[0] ?? '';
        if (source.startsWith('./')) expect({ name, source, exists: existsSync(join(ROOT, source)) }).toEqual({ name, source, exists: true });
      }
      for (const file of envFilesOf(service)) expect({ name, example: existsSync(join(ROOT, `${file.path}.example`)) }).toEqual({ name, example: true });
    }
    const gitignore = read('.gitignore');
    const dockerignore = read('.dockerignore');
    for (const pattern of ['.env', 'deploy/*.env']) {
      expect(gitignore.split('\n')).toContain(pattern);
      expect(dockerignore.split('\n')).toContain(pattern);
    }
  });
});
