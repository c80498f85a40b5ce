import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findRepoRoot } from '../repo-root';
import { analyseDockerfile } from './dockerfile.validator';

const DOCKERFILE = readFileSync(join(findRepoRoot(__dirname), 'Dockerfile'), 'utf8');

/** The repository's Dockerfile with one line replaced: each rule must turn red on its own. */
function broken(search: string | RegExp, replacement: string): string {
  const changed = DOCKERFILE.replace(search, replacement);
  if (changed === DOCKERFILE) throw new Error(`the Dockerfile no longer contains ${String(search)}`);
  return changed;
}

describe('the Dockerfile (issue 9, parsed with dockerfile-ast; no Docker engine here)', () => {
  const analysis = analyseDockerfile(DOCKERFILE);

  it('passes every rule', () => {
    expect(analysis.problems).toEqual([]);
  });

  it('has two runnable targets, api and worker, non-root, each probing its own liveness endpoint', () => {
    expect(analysis.targets.map((target) => target.stage)).toEqual(['api', 'worker']);
    const [api, worker] = analysis.targets;
    expect(api?.user).toBe('node');
    expect(worker?.user).toBe('node');
    expect(api?.cmd).toEqual(['node', 'apps/api/dist/main.js']);
    expect(worker?.cmd).toEqual(['node', 'apps/worker/dist/main.js']);
    // README "Health, metrics and shutdown": the API's liveness under /api, the worker's on its ops port.
    expect(api?.healthcheck).toContain("process.env.PORT || 3000) + '/api/health/live'");
    expect(worker?.healthcheck).toContain("process.env.WORKER_OPS_PORT || 9464) + '/health/live'");
    expect(api?.exposedPorts).toEqual(['3000']);
    expect(worker?.exposedPorts).toEqual(['9464']);
  });

  it('runs production with the bundle it built', () => {
    for (const target of analysis.targets) {
      expect(target.env).toMatchObject({ SCHAKEL_ENV: 'production', NODE_ENV: 'production', WORKFLOW_BUNDLE_PATH: '/app/workflow-bundle.js' });
    }
  });

  it('refuses a target that runs as root', () => {
    expect(analyseDockerfile(broken('USER node', 'USER root')).problems).toEqual(['target api: runs as root; add USER with a non-root user', 'target worker: runs as root; add USER with a non-root user']);
    expect(analyseDockerfile(broken('USER node', '# no user')).problems).toContain('target api: runs as root; add USER with a non-root user');
  });

  it('refuses a target without a health check', () => {
    const text = broken(/HEALTHCHECK --interval=10s --timeout=3s --start-period=60s[^\n]*\n[^\n]*\n/, 'HEALTHCHECK NONE\n');
    expect(analyseDockerfile(text).problems).toEqual(['target worker: has no HEALTHCHECK']);
  });

  it('refuses a COPY --from that names no earlier stage', () => {
    expect(analyseDockerfile(broken('COPY --from=build', 'COPY --from=builder')).problems).toContain('COPY --from=builder in stage runtime: names no earlier stage');
  });

  it('refuses a secret in ENV or ARG', () => {
    const text = broken('ENV NODE_ENV=production', 'ARG PAYLOAD_KEYS\nENV METRICS_TOKEN=abc NODE_ENV=production');
    expect(analyseDockerfile(text).problems).toEqual([
      'ARG PAYLOAD_KEYS in stage runtime: secrets come from the environment at run time, never from the image',
      'ENV METRICS_TOKEN in stage runtime: secrets come from the environment at run time, never from the image',
    ]);
  });

  it('refuses an image without the workflow bundle, or pointing elsewhere', () => {
    expect(analyseDockerfile(broken(/RUN node apps\/worker\/dist\/bundle-workflows\.main\.js [^\n]*\n/, '')).problems).toContain(
      'no RUN builds the workflow bundle (node apps/worker/dist/bundle-workflows.main.js <file>)',
    );
    expect(analyseDockerfile(broken('WORKFLOW_BUNDLE_PATH=/app/workflow-bundle.js', 'WORKFLOW_BUNDLE_PATH=/tmp/other.js')).problems).toContain(
      'target api: WORKFLOW_BUNDLE_PATH=/tmp/other.js is not the bundle a RUN builds (/app/workflow-bundle.js)',
    );
  });

  it('refuses a single-stage build and an unpinned base image', () => {
    const single = 'FROM node:latest\nWORKDIR /app\nCOPY . .\nRUN node apps/worker/dist/bundle-workflows.main.js /b.js\nENV WORKFLOW_BUNDLE_PATH=/b.js\nUSER node\nHEALTHCHECK CMD true\nCMD ["node"]\n';
    expect(analyseDockerfile(single).problems).toEqual([
      'FROM node:latest: pin the base image to a version tag or digest (not latest, not untagged)',
      'a multi-stage build is required: build tools and dev dependencies stay out of the image that runs',
    ]);
  });
});
