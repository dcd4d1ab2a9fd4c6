# syntax=docker/dockerfile:1
# Berth's container image: build with `docker build -t berth .`, run with docker-compose.yml (see README).
# Three stages: dependencies (native better-sqlite3 needs a compiler), build (Next + the custom server), and a
# small runtime with production dependencies only, running as an unprivileged user.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /src
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOST=0.0.0.0 \
    BERTH_DATA_DIR=/data
WORKDIR /app
RUN groupadd --gid 10001 berth \
 && useradd --uid 10001 --gid berth --home-dir /data --shell /usr/sbin/nologin berth \
 && mkdir -p /data && chown berth:berth /data
COPY --from=build /src/package.json /src/next.config.ts ./
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/.next ./.next
COPY --from=build /src/dist ./dist
COPY --from=build /src/db/migrations ./db/migrations
# next.config.ts is read at start and imports its limits from lib/ (pure code, no I/O).
COPY --from=build /src/lib ./lib
COPY --from=build /src/public ./public
USER berth
VOLUME ["/data"]
EXPOSE 3000
# /readyz answers 200 once the database answers (migrations run before the server listens).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/server.mjs"]
