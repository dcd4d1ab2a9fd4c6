#!/usr/bin/env bash
# Starts the Berth test rig: private dockerd (+ containerd), a local test image, a local registry and a
# private Postgres, all under ${BERTH_RIG_DIR:-/tmp/berth-rig}, then writes $RIG/env for tests to source.
# Idempotent: a service whose recorded pid is alive is reused. Stop with down.sh.
# Nothing here touches /var/run/docker.sock, a system dockerd/containerd, or the system Postgres cluster.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=dockerd.sh
source "$HERE/dockerd.sh"
# shellcheck source-path=SCRIPTDIR source=engines.sh
source "$HERE/engines.sh"
# shellcheck source-path=SCRIPTDIR source=swarm.sh
source "$HERE/swarm.sh"
# shellcheck source-path=SCRIPTDIR source=k8s.sh
source "$HERE/k8s.sh"

REGISTRY_ADDR="127.0.0.1:${BERTH_RIG_REGISTRY_PORT:-5000}"
PG_PORT="${BERTH_RIG_PG_PORT:-55432}"
TEST_IMAGE="berth-test/busybox:latest"
REGISTRY_IMAGE="$REGISTRY_ADDR/berth-test/busybox:latest"
START=$SECONDS

rig_require_root
[[ "${BERTH_RIG_SKIP_INSTALL:-0}" == 1 ]] || "$HERE/install.sh"

# Postgres listens on a fixed port inside the kernel's ephemeral range (32768-60999), and Kubernetes starts first:
# the API server's many client connections to etcd got 55440 as their local port, twice in a row on one slot, and
# Postgres then failed with "address in use". Reserving the port keeps the kernel from handing it out; binding it
# on purpose still works. Left reserved at `down` (it changes nothing else).
reserve_port() {
  local cur
  cur=$(cat /proc/sys/net/ipv4/ip_local_reserved_ports)
  [[ ",$cur," == *",$1,"* ]] && return 0
  sysctl -qw net.ipv4.ip_local_reserved_ports="${cur:+$cur,}$1" || rig_log "could not reserve port $1 (sysctl)"
}
reserve_port "$PG_PORT"

mkdir -p "$RIG"
# Postgres runs as the `postgres` user and must be able to reach its directory below $RIG.
chmod 755 "$RIG"

# curl straight to loopback, whatever http_proxy the caller has set.
lcurl() { curl --noproxy '*' -fsS "$@"; }

port_in_use() { [[ -n "$(ss -Hltn "sport = :$1")" ]]; }

# --- a. private dockerd ---------------------------------------------------------------------------------
rig_dockerd_start

# --- b. test image ----------------------------------------------------------------------------------------
build_image() {
  local tmp root applet
  if rig_docker image inspect "$TEST_IMAGE" >/dev/null 2>&1; then
    rig_log "image $TEST_IMAGE present"
    return 0
  fi
  rig_log "building $TEST_IMAGE from /bin/busybox"
  tmp=$(mktemp -d "$RIG/image.XXXXXX")
  root="$tmp/rootfs"
  mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,root,www,proc,sys,dev,var/log}
  install -d -m 1777 "$root/tmp"
  cp /bin/busybox "$root/bin/busybox"
  # Every applet at its usual path (bin/sh, usr/bin/env, sbin/ifconfig...), as symlinks to /bin/busybox.
  while read -r applet; do
    [[ -e "$root/$applet" || -L "$root/$applet" ]] || ln -s /bin/busybox "$root/$applet"
  done < <(/bin/busybox --list-full)
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
  # For `httpd -f -p 80 -h /www`.
  echo 'berth-test ok' >"$root/www/index.html"
  tar -C "$root" --numeric-owner --owner=0 --group=0 -cf "$tmp/rootfs.tar" .
  rig_docker import \
    -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c 'CMD ["/bin/sh"]' \
    -m 'berth test rig: Debian busybox-static' \
    "$tmp/rootfs.tar" "$TEST_IMAGE" >/dev/null
  rm -rf "$tmp"
}
build_image

# --- c. registry --------------------------------------------------------------------------------------------
start_registry() {
  local pid i dir="$RIG/registry"
  mkdir -p "$dir/data"
  if pid=$(rig_pid_alive registry docker-registry); then
    rig_log "registry already running (pid $pid)"
  else
    port_in_use "${REGISTRY_ADDR##*:}" && rig_die "port ${REGISTRY_ADDR##*:} is taken by another process; set BERTH_RIG_REGISTRY_PORT"
    # Our own config: Debian's /etc/docker/registry/config.yml listens on all interfaces and wants htpasswd.
    cat >"$dir/config.yml" <<EOF
version: 0.1
log:
  level: info
  fields:
    service: berth-rig-registry
storage:
  filesystem:
    rootdirectory: $dir/data
  delete:
    enabled: true
  cache:
    blobdescriptor: inmemory
http:
  addr: $REGISTRY_ADDR
  headers:
    X-Content-Type-Options: [nosniff]
EOF
    rig_log "starting registry on $REGISTRY_ADDR"
    rig_spawn registry docker-registry "$dir/registry.log" docker-registry serve "$dir/config.yml"
  fi
  for ((i = 0; i < 200; i++)); do
    rig_pid_alive registry docker-registry >/dev/null || { tail -n 30 "$dir/registry.log" >&2; rig_die "registry exited"; }
    lcurl -o /dev/null "http://$REGISTRY_ADDR/v2/" 2>/dev/null && return 0
    sleep 0.1
  done
  rig_die "registry not answering on http://$REGISTRY_ADDR/v2/ after 20s"
}
start_registry

# Push the test image so pulls (progress, update detection) can be tested. dockerd treats 127.0.0.0/8 as an
# insecure registry by default, so plain HTTP works. Skipped when the registry already holds this exact image
# (the manifest's config digest is the local image id).
push_image() {
  local id remote
  id=$(rig_docker image inspect -f '{{.Id}}' "$TEST_IMAGE")
  remote=$(lcurl -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    "http://$REGISTRY_ADDR/v2/berth-test/busybox/manifests/latest" 2>/dev/null \
    | grep -o '"digest": *"sha256:[0-9a-f]*"' | head -n 1 | grep -o 'sha256:[0-9a-f]*' || true)
  if [[ "$remote" == "$id" ]]; then
    rig_log "registry already has $REGISTRY_IMAGE"
    return 0
  fi
  rig_log "pushing $REGISTRY_IMAGE"
  rig_docker tag "$TEST_IMAGE" "$REGISTRY_IMAGE"
  rig_docker push "$REGISTRY_IMAGE" >/dev/null
  # Drop the local registry tag so a test's first pull of it really goes to the registry.
  rig_docker rmi "$REGISTRY_IMAGE" >/dev/null
}
push_image

# --- c2. extra engines: TCP+TLS and SSH (scripts/rig/engines.sh) --------------------------------------------
rig_engines_up
# --- c3. a three-node swarm (scripts/rig/swarm.sh); BERTH_RIG_SWARM=0 skips it --------------------------------
if [[ "${BERTH_RIG_SWARM:-1}" != 0 ]]; then
  SWARM_START=$SECONDS
  rig_swarm_up
  rig_log "swarm up in $((SECONDS - SWARM_START))s"
fi
# --- c4. a single-node Kubernetes (scripts/rig/k8s.sh); BERTH_RIG_K8S=0 skips it ------------------------------
# The first run on a machine builds the binaries from Debian's source (~10 min, cached in /var/cache/berth-rig).
[[ "${BERTH_RIG_K8S:-1}" == 0 ]] || rig_k8s_up
# --- c2. registry with htpasswd auth ----------------------------------------------------------------------
# A second registry that demands a login, for private-registry credentials. Its image has a layer of its own
# (random bytes, so it never matches a local layer) and is removed locally after the push, so a pull of it
# really downloads and reports progress.
AUTH_REGISTRY_ADDR="127.0.0.1:${BERTH_RIG_AUTH_REGISTRY_PORT:-$((${REGISTRY_ADDR##*:} + 100))}"
AUTH_REGISTRY_USER="berth"
AUTH_REGISTRY_PASSWORD="berth-registry-pass"
AUTH_REGISTRY_IMAGE="$AUTH_REGISTRY_ADDR/berth-test/private:latest"
start_auth_registry() {
  local pid i dir="$RIG/auth-registry"
  mkdir -p "$dir/data"
  htpasswd -Bbn "$AUTH_REGISTRY_USER" "$AUTH_REGISTRY_PASSWORD" >"$dir/htpasswd"
  if pid=$(rig_pid_alive auth-registry docker-registry); then
    rig_log "auth registry already running (pid $pid)"
  else
    port_in_use "${AUTH_REGISTRY_ADDR##*:}" \
      && rig_die "port ${AUTH_REGISTRY_ADDR##*:} is taken by another process; set BERTH_RIG_AUTH_REGISTRY_PORT"
    cat >"$dir/config.yml" <<EOF
version: 0.1
log:
  level: info
  fields:
    service: berth-rig-auth-registry
storage:
  filesystem:
    rootdirectory: $dir/data
  delete:
    enabled: true
http:
  addr: $AUTH_REGISTRY_ADDR
auth:
  htpasswd:
    realm: berth-rig
    path: $dir/htpasswd
EOF
    rig_log "starting auth registry on $AUTH_REGISTRY_ADDR"
    rig_spawn auth-registry docker-registry "$dir/registry.log" docker-registry serve "$dir/config.yml"
  fi
  for ((i = 0; i < 200; i++)); do
    rig_pid_alive auth-registry docker-registry >/dev/null || { tail -n 30 "$dir/registry.log" >&2; rig_die "auth registry exited"; }
    # 401 is the healthy answer of a registry that wants a login.
    [[ "$(curl --noproxy '*' -s -o /dev/null -w '%{http_code}' "http://$AUTH_REGISTRY_ADDR/v2/" 2>/dev/null)" == 401 ]] && return 0
    sleep 0.1
  done
  rig_die "auth registry not answering on http://$AUTH_REGISTRY_ADDR/v2/ after 20s"
}
start_auth_registry

push_private_image() {
  local tmp
  if lcurl -u "$AUTH_REGISTRY_USER:$AUTH_REGISTRY_PASSWORD" -o /dev/null \
    "http://$AUTH_REGISTRY_ADDR/v2/berth-test/private/manifests/latest" 2>/dev/null; then
    rig_log "auth registry already has $AUTH_REGISTRY_IMAGE"
    return 0
  fi
  rig_log "building and pushing $AUTH_REGISTRY_IMAGE"
  tmp=$(mktemp -d "$RIG/private-image.XXXXXX")
  head -c 8388608 /dev/urandom >"$tmp/payload.bin"
  printf 'FROM %s\nCOPY payload.bin /payload.bin\n' "$TEST_IMAGE" >"$tmp/Dockerfile"
  rig_docker build -q -t "$AUTH_REGISTRY_IMAGE" "$tmp" >/dev/null
  rm -rf "$tmp"
  echo "$AUTH_REGISTRY_PASSWORD" | rig_docker login -u "$AUTH_REGISTRY_USER" --password-stdin "$AUTH_REGISTRY_ADDR" >/dev/null 2>&1
  rig_docker push "$AUTH_REGISTRY_IMAGE" >/dev/null
  rig_docker logout "$AUTH_REGISTRY_ADDR" >/dev/null
  # Gone locally (tag and its own layer), so the first pull downloads it.
  rig_docker rmi "$AUTH_REGISTRY_IMAGE" >/dev/null
}
push_private_image

# --- d. postgres ---------------------------------------------------------------------------------------------
PGDIR="$RIG/pg"
PGDATA="$PGDIR/data"
# The major the cluster was made with, else the newest installed one.
if [[ -f "$PGDATA/PG_VERSION" ]]; then
  PGBIN="/usr/lib/postgresql/$(cat "$PGDATA/PG_VERSION")/bin"
else
  PGBIN=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
PGRUN="$PGDIR/run" # unix socket dir: not /var/run/postgresql, which belongs to the system cluster
as_pg() { runuser -u postgres -- "$@"; }
psql_admin() { "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PGRUN" -p "$PG_PORT" -U postgres -d postgres "$@"; }

start_postgres() {
  local pid
  mkdir -p "$PGDIR" "$PGRUN"
  chown postgres:postgres "$PGDIR" "$PGRUN"
  as_pg test -w "$PGDIR" || rig_die "user postgres cannot write $PGDIR (a parent of BERTH_RIG_DIR is not world-traversable?)"
  if [[ ! -f "$PGDATA/PG_VERSION" ]]; then
    rig_log "initdb $PGDATA"
    # trust on local socket and loopback TCP: a throwaway test cluster, reachable only from this machine.
    as_pg "$PGBIN/initdb" -D "$PGDATA" -U postgres -E UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=trust >"$PGDIR/initdb.log" 2>&1 \
      || { cat "$PGDIR/initdb.log" >&2; rig_die "initdb failed"; }
    # Durability off: it is a test database and this makes schema setup per test much faster.
    cat >>"$PGDATA/postgresql.conf" <<EOF

# --- berth test rig ---
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
include_if_exists = 'berth-rig.conf'
EOF
  fi
  # Rewritten on every start so BERTH_RIG_PG_PORT / the rig path can change between runs.
  cat >"$PGDATA/berth-rig.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PGRUN'
EOF
  chown postgres:postgres "$PGDATA/berth-rig.conf"

  if pid=$(rig_pid_alive postgres postgres); then
    rig_log "postgres already running (pid $pid)"
  else
    # `pg_ctl status` also finds a postmaster whose pid record we lost.
    if ! as_pg "$PGBIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
      port_in_use "$PG_PORT" && rig_die "port $PG_PORT is taken by another process; set BERTH_RIG_PG_PORT"
      rig_log "starting postgres on 127.0.0.1:$PG_PORT"
      # pg_ctl puts the postmaster in its own session with stdio on the log; -w waits until it accepts.
      as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDIR/postgres.log" -w -t 30 start >/dev/null \
        || { tail -n 30 "$PGDIR/postgres.log" >&2; rig_die "postgres did not start"; }
    fi
    head -n 1 "$PGDATA/postmaster.pid" >"$RIG/postgres.pid"
    rig_pid_alive postgres postgres >/dev/null || rig_die "postgres pid not found"
  fi
  # The role and the database, once.
  if [[ -z "$(psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname = 'berth'")" ]]; then
    psql_admin -c "CREATE ROLE berth LOGIN PASSWORD 'berth'"
  fi
  if [[ -z "$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = 'berth_test'")" ]]; then
    psql_admin -c "CREATE DATABASE berth_test OWNER berth"
  fi
  "$PGBIN/psql" -X -tAc 'SELECT 1' "postgres://berth:berth@127.0.0.1:$PG_PORT/berth_test" >/dev/null \
    || rig_die "cannot connect to postgres://berth:berth@127.0.0.1:$PG_PORT/berth_test"
}
start_postgres

# --- env file -------------------------------------------------------------------------------------------------
# Plain `export KEY=VALUE` lines (no quotes needed: no value has spaces), so `source` and simple dotenv
# parsers both read it. Written to a temp file then renamed: a reader never sees half a file.
{
  echo "# written by scripts/rig/up.sh on $(date -u +%FT%TZ); source it before running tests"
  echo "export BERTH_RIG_DIR=$RIG"
  # The rig's own bridge and address pool: BERTH_TEST_DOCKERD_CTL (e2e restarts dockerd through it) must restart this
  # engine on these, not on the defaults, or a private rig would take over the default rig's bridge.
  echo "export BERTH_RIG_BRIDGE=$RIG_BRIDGE"
  echo "export BERTH_RIG_BRIDGE_CIDR=$RIG_BRIDGE_CIDR"
  echo "export BERTH_RIG_ADDRESS_POOL=$RIG_ADDRESS_POOL"
  echo "export BERTH_TEST_DOCKER_HOST=unix://$RIG_DOCKER_SOCK"
  echo "export BERTH_TEST_DOCKER_SOCKET=$RIG_DOCKER_SOCK"
  echo "export BERTH_TEST_DOCKER_API_VERSION=$(rig_docker version -f '{{.Server.APIVersion}}')"
  echo "export BERTH_TEST_DOCKER_CONFIG=$RIG_DOCKER_CONFIG"
  echo "export BERTH_TEST_DOCKERD_CTL=$HERE/dockerd.sh"
  echo "export BERTH_TEST_DOCKERD_PID_FILE=$RIG/dockerd.pid"
  echo "export BERTH_TEST_DOCKERD_DAEMON_PID_FILE=$RIG_DOCKER_DIR/docker.pid"
  echo "export BERTH_TEST_DOCKERD_LOG=$RIG_DOCKER_DIR/dockerd.log"
  echo "export BERTH_TEST_IMAGE=$TEST_IMAGE"
  echo "export BERTH_TEST_REGISTRY=$REGISTRY_ADDR"
  echo "export BERTH_TEST_REGISTRY_IMAGE=$REGISTRY_IMAGE"
  echo "export BERTH_TEST_AUTH_REGISTRY=$AUTH_REGISTRY_ADDR"
  echo "export BERTH_TEST_AUTH_REGISTRY_USER=$AUTH_REGISTRY_USER"
  echo "export BERTH_TEST_AUTH_REGISTRY_PASSWORD=$AUTH_REGISTRY_PASSWORD"
  echo "export BERTH_TEST_AUTH_REGISTRY_IMAGE=$AUTH_REGISTRY_IMAGE"
  echo "export BERTH_TEST_PG_URL=postgres://berth:berth@127.0.0.1:$PG_PORT/berth_test"
  echo "export BERTH_TEST_CHROMIUM=$(command -v chromium)"
  rig_engines_env
  [[ "${BERTH_RIG_SWARM:-1}" == 0 ]] || rig_swarm_env
  [[ "${BERTH_RIG_K8S:-1}" == 0 ]] || rig_k8s_env
} >"$RIG/env.tmp"
mv -f "$RIG/env.tmp" "$RIG/env"

rig_log "up in $((SECONDS - START))s; env: $RIG/env"
