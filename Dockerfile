# One image for both processes; docker-compose.yml picks the entrypoint (api or worker).
# Not built on the development machines (they have no Docker engine); see docs/adr/0001.
FROM node:20.20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY libs ./libs
COPY apps ./apps
COPY tools ./tools
RUN npm install --no-audit --no-fund && npm run build \
  && node apps/worker/dist/bundle-workflows.main.js /app/workflow-bundle.js

FROM node:20.20-bookworm-slim
ENV NODE_ENV=production SCHAKEL_ENV=production WORKFLOW_BUNDLE_PATH=/app/workflow-bundle.js
WORKDIR /app
COPY --from=build /app /app
USER node
CMD ["node", "apps/api/dist/main.js"]
