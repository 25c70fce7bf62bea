# One image for every app (docs/deploy.md says why): Kubernetes runs each Deployment with its own
# entrypoint (`node --enable-source-maps dist/apps/<app>/src/main.js`); docker compose picks one with
# the APP build argument. Node 24 is the current LTS line.
#   docker build --build-arg VERSION=0.1.0 --build-arg REVISION="$(git rev-parse HEAD)" \
#     --build-arg SOURCE="$(git remote get-url origin)" -t ledgerhook:0.1.0 .
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# npm install rather than npm ci: see .ci/run (the lock file lists only linux-x64 optional binaries).
RUN npm install --no-audit --no-fund --ignore-scripts
COPY tsconfig.base.json ./
COPY tools/build ./tools/build
COPY apps ./apps
COPY libs ./libs
# Production dependencies only in what is copied on.
RUN node tools/build/build.mjs && npm prune --omit=dev --ignore-scripts

FROM node:24-bookworm-slim
# tini is PID 1: it forwards SIGTERM to node (whose handlers drain the service: libs/platform
# bootstrap) and reaps zombies. npm and corepack are not needed at run time: removed, fewer CVEs.
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/* /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack \
    /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack
ARG VERSION=0.0.0-dev
ARG REVISION=unknown
ARG CREATED=unknown
ARG SOURCE=unknown
# OCI annotations, read by SBOM and scanning tools (syft, trivy) and registries.
LABEL org.opencontainers.image.title="ledgerhook" \
  org.opencontainers.image.description="Ledgerhook services: ingress, lifecycle-projector, report-retriever, income-scorer, ops CLI" \
  org.opencontainers.image.source="${SOURCE}" \
  org.opencontainers.image.version="${VERSION}" \
  org.opencontainers.image.revision="${REVISION}" \
  org.opencontainers.image.created="${CREATED}" \
  org.opencontainers.image.licenses="UNLICENSED" \
  org.opencontainers.image.base.name="docker.io/library/node:24-bookworm-slim"
ENV NODE_ENV=production
WORKDIR /app
# Owned by root and not writable by the app: the root filesystem can be mounted read-only.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The ingress's spool (SPOOL_DIR): the one path the app writes, a volume in Compose and Kubernetes;
# created here owned by the app's user so that a fresh volume mounted on it is writable.
RUN mkdir -p /var/spool/ledgerhook && chown 1000:1000 /var/spool/ledgerhook
# Numeric, so that Kubernetes' runAsNonRoot can verify it (the image's "node" user).
USER 1000:1000
ARG APP=ingress
ENV APP=${APP}
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["sh", "-c", "exec node --enable-source-maps dist/apps/${APP}/src/main.js"]
