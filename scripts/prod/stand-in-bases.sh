#!/usr/bin/env bash
# Stand-ins for the public base images that Dockerfile and docker-compose.yml name, for the rig engine, which cannot
# pull: node:20-bookworm-slim (a Debian bookworm rootfs plus this machine's Node and npm) and postgres:15-bookworm
# (Debian's postgresql-15 plus an entrypoint that honours POSTGRES_USER/PASSWORD/DB like the official image's), and
# nginx:stable-bookworm for the compose file's replicas profile (Debian's nginx laid out like the official image:
# conf.d only, no default site, logs to the container's output).
# Built with mmdebstrap from the Debian mirror, cached as tarballs under /var/cache/berth-rig (keyed by content), and
# imported under the public names, so the Dockerfile and compose file are tested exactly as users get them.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../rig/dockerd.sh
source "$HERE/../rig/dockerd.sh"
CACHE=${BERTH_RIG_CACHE:-/var/cache/berth-rig}/stand-in
mkdir -p "$CACHE"
command -v mmdebstrap >/dev/null || apt-get install -y -q mmdebstrap >/dev/null

MIRROR=$(awk '/^deb / && $3 ~ /^bookworm$/ {print $2; exit}' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null || true)
if [[ -z "$MIRROR" ]]; then
  MIRROR=$(grep -rhoE '^URIs: *\S+' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n1 | awk '{print $2}')
fi
MIRROR=${MIRROR:-http://deb.debian.org/debian}

NODE_VERSION=$(node --version)
PG_ENTRYPOINT="$HERE/pg-entrypoint.sh"

rootfs_tar() { # name packages... -> prints the cached tarball path
  local name=$1; shift
  local tar="$CACHE/$name.tar"
  if [[ ! -s "$tar" ]]; then
    rig_log "mmdebstrap $name (${*:-no extra packages}) from $MIRROR"
    mmdebstrap --variant=minbase --include="$(IFS=,; echo "$*")" --quiet bookworm "$CACHE/$name.partial.tar" "$MIRROR" >&2
    mv "$CACHE/$name.partial.tar" "$tar"
  fi
  echo "$tar"
}

# A Debian rootfs imported once, then the image's own files added by a small `docker build` (an appended tar would
# duplicate directory entries, which dockerd refuses).
stand_in() { # tag key rootfs-name context-folder packages...
  local tag=$1 key=$2 rootfs=$3 context=$4; shift 4
  local base="berth-stand-in/$rootfs:latest" tar
  if [[ "$(rig_docker image inspect -f '{{index .Config.Labels "berth.stand-in"}}' "$tag" 2>/dev/null)" == "$key" ]]; then
    rig_log "$tag stand-in present"
    return 0
  fi
  if ! rig_docker image inspect "$base" >/dev/null 2>&1; then
    tar=$(rootfs_tar "$rootfs" "$@")
    rig_docker import "$tar" "$base" >/dev/null
  fi
  printf 'LABEL berth.stand-in=%s\n' "$key" >>"$context/Dockerfile"
  rig_docker build -q --build-arg "BASE=$base" -t "$tag" "$context" >/dev/null
  rig_log "built $tag stand-in ($key)"
}

import_node() {
  local ctx
  ctx=$(mktemp -d "$CACHE/node.XXXXXX")
  cp /usr/bin/node "$ctx/node"
  cp -a /usr/lib/node_modules/npm "$ctx/npm"
  # This machine reaches the npm registry through a proxy whose CA only the host trusts: the stand-in carries the
  # host's CA bundle (as a machine on such a network would), so `npm ci` inside the build works here.
  cp /etc/ssl/certs/ca-certificates.crt "$ctx/host-ca.crt"
  # Headers for native addons where the official image has them (node-gyp cannot download them here).
  cp -a /usr/include/node "$ctx/include-node"
  printf 'nodedir=/usr/local\ncafile=/usr/local/share/ca-certificates/berth-rig-host-ca.crt\nupdate-notifier=false\n' \
    >"$ctx/npm/npmrc"
  cat >"$ctx/Dockerfile" <<'DOCKERFILE'
ARG BASE
FROM ${BASE}
COPY node /usr/local/bin/node
COPY npm /usr/local/lib/node_modules/npm
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx
COPY host-ca.crt /usr/local/share/ca-certificates/berth-rig-host-ca.crt
COPY include-node /usr/local/include/node
ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin \
    NODE_EXTRA_CA_CERTS=/usr/local/share/ca-certificates/berth-rig-host-ca.crt
CMD ["node"]
DOCKERFILE
  stand_in "node:20-bookworm-slim" "node-$NODE_VERSION-ca$(sha256sum /etc/ssl/certs/ca-certificates.crt | cut -c1-8)-2" bookworm-node "$ctx" passwd ca-certificates
  rm -rf "$ctx"
}

import_postgres() {
  local ctx
  ctx=$(mktemp -d "$CACHE/pg.XXXXXX")
  install -m 0755 "$PG_ENTRYPOINT" "$ctx/docker-entrypoint.sh"
  cat >"$ctx/Dockerfile" <<'DOCKERFILE'
ARG BASE
FROM ${BASE}
COPY docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
ENV PATH=/usr/local/bin:/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin \
    PGDATA=/var/lib/postgresql/data
EXPOSE 5432
ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]
CMD ["postgres"]
DOCKERFILE
  stand_in "postgres:15-bookworm" "pg15-$(sha256sum "$PG_ENTRYPOINT" | cut -c1-12)" bookworm-pg15 "$ctx" \
    postgresql-15 postgresql-client-15
  rm -rf "$ctx"
}

import_nginx() {
  local ctx
  ctx=$(mktemp -d "$CACHE/nginx.XXXXXX")
  cat >"$ctx/Dockerfile" <<'DOCKERFILE'
ARG BASE
FROM ${BASE}
RUN rm -f /etc/nginx/sites-enabled/default \
 && ln -sf /dev/stdout /var/log/nginx/access.log \
 && ln -sf /dev/stderr /var/log/nginx/error.log
EXPOSE 80
STOPSIGNAL SIGQUIT
CMD ["nginx", "-g", "daemon off;"]
DOCKERFILE
  stand_in "nginx:stable-bookworm" "nginx-1" bookworm-nginx "$ctx" nginx-light
  rm -rf "$ctx"
}

import_node
import_postgres
import_nginx
