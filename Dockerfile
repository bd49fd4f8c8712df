# syntax=docker/dockerfile:1
#
# One image for every Cartwheel process; deploy/entrypoint.sh picks the role. It needs at least
# DATABASE_URL and JWT_SECRET (README.md#configuration), e.g. from deploy/.env:
#   docker build -t cartwheel:local .
#   docker run --rm --env-file deploy/.env -e DATABASE_URL=postgres://… cartwheel:local migrate
#   docker run --rm --env-file deploy/.env -e DATABASE_URL=postgres://… -p 3000:3000 cartwheel:local api
#   docker run --rm --env-file deploy/.env -e DATABASE_URL=postgres://… cartwheel:local worker
# deploy/docker-compose.yml and deploy/k8s/ run exactly these three. docs/operations.md explains.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- manifests: just the package.json files and the lockfile, so that the `npm ci` layers below
# are rebuilt only when dependencies change, not on every source edit. `find` picks up every
# workspace (apps/*), including ones added later.
FROM ${NODE_IMAGE} AS manifests
WORKDIR /src
COPY . .
RUN mkdir /out \
    && find . -name package.json -not -path '*/node_modules/*' -exec cp --parents {} /out/ \; \
    && cp package-lock.json .npmrc /out/

# ---- build: every dependency (TypeScript, Vite…), then the server and the web app.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY --from=manifests /out/ ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY . .
# The server (tsc → apps/server/dist, as `npm run build` does), then the web app (Vite →
# apps/web/dist) when that workspace exists: `-w` fails on a missing workspace, `--if-present`
# covers one without a build script.
RUN npx tsc -p apps/server/tsconfig.build.json \
    && if [ -f apps/web/package.json ]; then npm run build -w apps/web --if-present; fi
# What the runtime needs from this stage, in one tree: compiled server, its SQL migrations (read
# at start from apps/server/migrations) and the built web app if there is one.
RUN mkdir -p /out/apps/server /out/apps/web \
    && cp -r apps/server/dist apps/server/migrations /out/apps/server/ \
    && if [ -d apps/web/dist ]; then cp -r apps/web/dist /out/apps/web/; fi

# ---- deps: production dependencies of the server workspace only (no compilers, test tools or
# the web app's build-time packages).
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY --from=manifests /out/ ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --workspace apps/server --no-audit --no-fund

# ---- runtime
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data \
    UPLOAD_DIR=/data/files
WORKDIR /app
# Application files stay owned by root (read-only to the app); only /data is writable. Mount a
# shared volume at /data/files when several containers serve or process uploads.
COPY --from=deps /app/ ./
COPY --from=build /out/ ./
COPY --chmod=0755 deploy/entrypoint.sh deploy/entrypoint.sh
RUN mkdir -p /data/files && chown -R node:node /data
# The base image's `node` user, by number so that Kubernetes' runAsNonRoot can verify it.
USER 1000:1000
EXPOSE 3000
# Liveness only: readiness (database reachable, worker running) is for orchestrators to decide.
# slim images have no curl; Node 20 has fetch.
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# No init process needed: the server handles SIGTERM itself (drains requests and jobs) and starts
# no child processes once DATABASE_URL is set.
ENTRYPOINT ["/app/deploy/entrypoint.sh"]
CMD ["api"]
