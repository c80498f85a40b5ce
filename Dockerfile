# syntax=docker/dockerfile:1
# Schakel's API and worker (issue 9). One build stage, two runtime targets, so each has its own command and
# HEALTHCHECK: `docker build --target api .` / `--target worker .`; docker-compose.yml builds both.
# Not built on the development machines (no Docker engine): tools/src/deploy/dockerfile.validator.spec.ts parses
# this file with dockerfile-ast and checks the rules below; see README, "Docker".

ARG NODE_IMAGE=node:20.20-bookworm-slim

# --- build: install everything, compile, bundle the workflows, then drop the dev dependencies ---
FROM ${NODE_IMAGE} AS build
WORKDIR /app
# The whole context (.dockerignore keeps out node_modules, dist, .data, .git): copying the workspaces' manifests one
# by one would break the install whenever a workspace is added.
COPY . .
# npm install, not npm ci: ci fails on registries without every platform's optional packages (DESIGN.md).
RUN npm install --no-audit --no-fund
# The project's own build (libs, apps, the web interface the api serves): what `npm start` and the tests run.
RUN npm run build
# The prebuilt workflow bundle production loads (WORKFLOW_BUNDLE_PATH, CONVENTIONS.md 6): built and checked here,
# once, so a worker never bundles at start and runs exactly the code the image was built with. Fails the build
# loudly when bundling fails.
RUN node apps/worker/dist/bundle-workflows.main.js /app/workflow-bundle.js
# Runtime dependencies only; the workspace links in node_modules stay.
RUN npm prune --omit=dev --no-audit --no-fund

# --- runtime base: no compiler, no dev dependencies, not root ---
FROM ${NODE_IMAGE} AS runtime
# No secrets here: PAYLOAD_KEYS, OIDC_* and DATABASE_URL come from the environment at run time (docker-compose.yml
# env_file, or the orchestrator's secrets).
ENV NODE_ENV=production \
    SCHAKEL_ENV=production \
    WORKFLOW_BUNDLE_PATH=/app/workflow-bundle.js
WORKDIR /app
COPY --from=build --chown=root:root /app /app
# The image's files belong to root and are read-only for the process: a compromised process cannot change its code.
USER node

# --- api: HTTP on PORT (3000); liveness is the process, not its dependencies (ADR 0010) ---
FROM runtime AS api
ENV PORT=3000
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "apps/api/dist/main.js"]

# --- worker: no HTTP API; its ops port (WORKER_OPS_PORT, 9464) serves /health/live, /health/ready and /metrics ---
FROM runtime AS worker
EXPOSE 9464
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.WORKER_OPS_PORT || 9464) + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "apps/worker/dist/main.js"]
