#!/usr/bin/env bash
# `npm test`: everything, in order of cost. Starts the private test rig (its own dockerd, registry, Postgres) and
# stops it again only if this run started it.
set -euo pipefail
cd "$(dirname "$0")/.."

RIG="${BERTH_RIG_DIR:-/tmp/berth-rig}"
export BERTH_RIG_DIR="$RIG"

rig_was_up=0
if [[ -f "$RIG/dockerd.pid" ]] && kill -0 "$(cat "$RIG/dockerd.pid")" 2>/dev/null; then rig_was_up=1; fi

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "static checks"
npx tsc --noEmit
npx biome check .

step "unit tests"
npx vitest run --project unit

step "test rig"
bash scripts/rig/up.sh
if [[ $rig_was_up == 0 && "${BERTH_KEEP_RIG:-0}" != 1 ]]; then trap 'bash scripts/rig/down.sh || true' EXIT; fi
# shellcheck disable=SC1091
source "$RIG/env"

step "integration tests (real dockerd, SQLite and Postgres)"
npx vitest run --project integration

step "build"
npm run build
mkdir -p dist && date -u +%FT%TZ > dist/build-stamp

step "end-to-end tests (Chromium)"
npx playwright test

step "replicas: three Berth processes on one Postgres behind nginx (Chromium)"
npx playwright test --config playwright.replicas.config.ts

step "production image and compose file (Dockerfile, docker-compose.yml, Chromium)"
bash scripts/prod/stand-in-bases.sh
npx playwright test --config playwright.prod.config.ts

step "all tests passed"
