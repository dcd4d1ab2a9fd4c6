#!/usr/bin/env bash
# Two more private Docker engines for multi-endpoint tests, beside the rig's main one (dockerd.sh):
#   tls: dockerd on tcp://127.0.0.1:$BERTH_RIG_TLS_PORT with --tlsverify and openssl-made certs (CA, server, client),
#        plus a "wrong" CA and client pair so tests can check how a bad certificate is reported;
#   ssh: dockerd on a unix socket only, reached through a loopback sshd (its own config, port and host key) whose
#        one authorized key may run nothing but `docker system dial-stdio` against that engine (what dockerode's
#        and the docker CLI's ssh:// transports run).
# Both share the rig's containerd under their own namespaces, have no default bridge and never touch iptables.
#
#   scripts/rig/engines.sh tls|ssh start|stop|kill|status
#
# up.sh and down.sh source this file for rig_engines_up / rig_engines_down (it then only defines functions).
set -euo pipefail

ENGINES_HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=dockerd.sh
source "$ENGINES_HERE/dockerd.sh"

# Ports default to an offset from the registry port, so rigs with distinct registry ports do not collide.
RIG_PORT_OFFSET=$((${BERTH_RIG_REGISTRY_PORT:-5000} - 5000))
RIG_TLS_PORT="${BERTH_RIG_TLS_PORT:-$((12376 + RIG_PORT_OFFSET))}"
RIG_SSH_PORT="${BERTH_RIG_SSH_PORT:-$((12222 + RIG_PORT_OFFSET))}"
RIG_ENGINES_DIR="$RIG/engines"
RIG_TLS_CERTS="$RIG_ENGINES_DIR/tls/certs"
RIG_SSH_DIR="$RIG_ENGINES_DIR/ssh/sshd"

rig_engine_sock() { echo "$RIG_ENGINES_DIR/$1/docker.sock"; }
rig_engine_docker() { # name args...
  local sock
  sock=$(rig_engine_sock "$1")
  shift
  env -u DOCKER_HOST -u DOCKER_CONTEXT -u DOCKER_TLS_VERIFY -u DOCKER_CERT_PATH \
    DOCKER_CONFIG="$RIG_DOCKER_CONFIG" docker -H "unix://$sock" "$@"
}

# --- certificates ---------------------------------------------------------------------------------------
rig_tls_certs() {
  local d=$RIG_TLS_CERTS
  [[ -f "$d/done" ]] && return 0
  rig_log "making TLS certificates in $d"
  rm -rf "$d" && mkdir -p "$d" && chmod 700 "$d"
  (
    cd "$d"
    ossl() { openssl "$@" 2>/dev/null; }
    mkca() { # prefix subject
      ossl genrsa -out "$1-key.pem" 2048
      ossl req -x509 -new -key "$1-key.pem" -sha256 -days 3650 -subj "/CN=$2" -out "$1.pem"
    }
    sign() { # name ca extfile-line subject
      ossl genrsa -out "$1-key.pem" 2048
      ossl req -new -key "$1-key.pem" -subj "/CN=$4" -out "$1.csr"
      printf '%s\n' "$3" >"$1.ext"
      ossl x509 -req -in "$1.csr" -CA "$2.pem" -CAkey "$2-key.pem" -CAcreateserial -sha256 -days 3650 \
        -extfile "$1.ext" -out "$1.pem"
      rm -f "$1.csr" "$1.ext"
    }
    mkca ca "berth rig CA"
    sign server ca "subjectAltName=IP:127.0.0.1,DNS:localhost
extendedKeyUsage=serverAuth" "127.0.0.1"
    sign client ca "extendedKeyUsage=clientAuth" "berth rig client"
    # A second CA and a client cert it signed: trusted by nobody, for "TLS verification failed" tests.
    mkca wrong-ca "berth rig untrusted CA"
    sign wrong-client wrong-ca "extendedKeyUsage=clientAuth" "berth rig untrusted client"
    chmod 644 ./*.pem
    touch done
  )
}

# --- ssh ------------------------------------------------------------------------------------------------
rig_sshd_config() {
  local d=$RIG_SSH_DIR
  mkdir -p "$d" && chmod 700 "$d"
  [[ -f "$d/host_ed25519_key" ]] || ssh-keygen -q -t ed25519 -N '' -C "berth rig host" -f "$d/host_ed25519_key"
  [[ -f "$d/client_ed25519" ]] || ssh-keygen -q -t ed25519 -N '' -C "berth rig client" -f "$d/client_ed25519"
  # A key nobody authorized, for "SSH authentication failed" tests.
  [[ -f "$d/wrong_ed25519" ]] || ssh-keygen -q -t ed25519 -N '' -C "berth rig stranger" -f "$d/wrong_ed25519"
  chmod 644 "$d/client_ed25519" "$d/wrong_ed25519" # test processes read them; throwaway keys for loopback only
  # The only thing this key may do: splice its channel onto the ssh engine's socket.
  printf 'restrict,command="exec env DOCKER_CONFIG=%s docker -H unix://%s system dial-stdio" %s\n' \
    "$RIG_DOCKER_CONFIG" "$(rig_engine_sock ssh)" "$(cat "$d/client_ed25519.pub")" >"$d/authorized_keys"
  cat >"$d/sshd_config" <<EOF
# berth test rig: loopback-only sshd for the ssh engine; nothing from /etc/ssh is read.
Port $RIG_SSH_PORT
ListenAddress 127.0.0.1
HostKey $d/host_ed25519_key
PidFile $d/sshd.pid
AuthorizedKeysFile $d/authorized_keys
# The rig dir sits under /tmp (world-writable), which StrictModes would refuse.
StrictModes no
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
AllowUsers root
UsePAM no
AllowTcpForwarding no
AllowAgentForwarding no
X11Forwarding no
PrintMotd no
MaxStartups 50:30:100
LogLevel INFO
EOF
}

rig_sshd_start() {
  local pid i
  if pid=$(rig_pid_alive sshd sshd); then
    rig_log "sshd already running (pid $pid)"
    return 0
  fi
  rig_sshd_config
  # sshd's compiled-in privilege separation directory.
  mkdir -p /run/sshd && chmod 755 /run/sshd
  [[ -n "$(ss -Hltn "sport = :$RIG_SSH_PORT")" ]] && rig_die "port $RIG_SSH_PORT is taken; set BERTH_RIG_SSH_PORT"
  rig_log "starting sshd on 127.0.0.1:$RIG_SSH_PORT"
  rig_spawn sshd sshd "$RIG_SSH_DIR/sshd.log" /usr/sbin/sshd -D -e -f "$RIG_SSH_DIR/sshd_config"
  for ((i = 0; i < 100; i++)); do
    [[ -n "$(ss -Hltn "sport = :$RIG_SSH_PORT")" ]] && return 0
    sleep 0.05
  done
  rig_die "sshd not listening on $RIG_SSH_PORT (log: $RIG_SSH_DIR/sshd.log)"
}

rig_sshd_stop() { rig_stop_pid sshd sshd 10; }

# --- engines --------------------------------------------------------------------------------------------
# Top /22s of the rig's address pool, one per extra engine, so networks tests create never overlap the main
# engine's (which allocates from the bottom) and down.sh's sweep of the pool still finds their bridges.
rig_engine_pool() { # index
  local IFS=. a b c d base size
  read -r a b c d <<<"${RIG_ADDRESS_POOL%/*}"
  base=$(((a << 24) | (b << 16) | (c << 8) | d))
  size=$((1 << (32 - ${RIG_ADDRESS_POOL#*/})))
  base=$((base + size - 1024 * ($1 + 1)))
  echo "$(((base >> 24) & 255)).$(((base >> 16) & 255)).$(((base >> 8) & 255)).$((base & 255))/22"
}

rig_engine_spawn() { # name pool-index extra-dockerd-args...
  local name=$1 idx=$2 dir pid
  shift 2
  dir="$RIG_ENGINES_DIR/$name"
  if pid=$(rig_pid_alive "dockerd-$name" dockerd); then
    rig_log "dockerd-$name already running (pid $pid)"
    return 0
  fi
  mkdir -p "$dir"
  rm -f "$dir/docker.pid"
  cat >"$dir/daemon.json" <<EOF
{
  "containerd": "$RIG_CONTAINERD_SOCK",
  "containerd-namespace": "berth-$name",
  "containerd-plugins-namespace": "berth-$name-plugins",
  "bridge": "none",
  "iptables": false,
  "ip-forward": false,
  "ip-masq": false,
  "ip": "127.0.0.1",
  "default-address-pools": [{"base": "$(rig_engine_pool "$idx")", "size": 24}],
  "cgroup-parent": "/berth-rig-$name",
  "deprecated-key-path": "$dir/key.json",
  "log-level": "info"
}
EOF
  rig_log "starting dockerd-$name"
  rig_spawn "dockerd-$name" dockerd "$dir/dockerd.log" dockerd \
    --data-root "$dir/root" --exec-root "$dir/exec" --pidfile "$dir/docker.pid" \
    --config-file "$dir/daemon.json" -H "unix://$(rig_engine_sock "$name")" "$@"
}

rig_engine_wait() { # name
  local name=$1 i
  for ((i = 0; i < 300; i++)); do
    rig_pid_alive "dockerd-$name" dockerd >/dev/null \
      || { tail -n 30 "$RIG_ENGINES_DIR/$name/dockerd.log" >&2; rig_die "dockerd-$name exited"; }
    rig_engine_docker "$name" version >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  rig_die "dockerd-$name not answering after 30s"
}

# The test image, copied from the main engine when missing.
rig_engine_image() { # name
  local image=${TEST_IMAGE:-berth-test/busybox:latest}
  rig_engine_docker "$1" image inspect "$image" >/dev/null 2>&1 && return 0
  rig_log "loading $image into dockerd-$1"
  rig_docker save "$image" | rig_engine_docker "$1" load >/dev/null
}

rig_tls_args() {
  echo --tlsverify --tlscacert "$RIG_TLS_CERTS/ca.pem" --tlscert "$RIG_TLS_CERTS/server.pem" \
    --tlskey "$RIG_TLS_CERTS/server-key.pem" -H "tcp://127.0.0.1:$RIG_TLS_PORT"
}

rig_engine_start() { # tls|ssh
  mkdir -p "$RIG_ENGINES_DIR"
  rig_containerd_start
  case $1 in
    tls)
      rig_tls_certs
      # shellcheck disable=SC2046 # word splitting of fixed, space-free paths
      rig_engine_spawn tls 0 $(rig_tls_args)
      rig_engine_wait tls ;;
    ssh)
      rig_engine_spawn ssh 1
      rig_engine_wait ssh
      rig_sshd_start ;;
  esac
}

# Running containers are killed first: dockerd would wait out each one's stop timeout.
rig_engine_stop() { # tls|ssh [kill]
  local name=$1 running pid
  if [[ "${2:-}" == kill ]]; then
    if pid=$(rig_pid_alive "dockerd-$name" dockerd); then
      rig_log "killing dockerd-$name (pid $pid)"
      kill -KILL "$pid"
      rig_wait_exit "$pid" 10 || rig_die "dockerd-$name did not exit"
    fi
    rm -f "$RIG/dockerd-$name.pid"
    return 0
  fi
  if rig_pid_alive "dockerd-$name" dockerd >/dev/null; then
    running=$(rig_engine_docker "$name" ps -q 2>/dev/null || true)
    # shellcheck disable=SC2086
    [[ -z "$running" ]] || rig_engine_docker "$name" kill $running >/dev/null 2>&1 || true
  fi
  rig_stop_pid "dockerd-$name" dockerd 60
}

# Called by up.sh: both engines start side by side, then both are awaited.
rig_engines_up() {
  mkdir -p "$RIG_ENGINES_DIR"
  rig_tls_certs
  # shellcheck disable=SC2046
  rig_engine_spawn tls 0 $(rig_tls_args)
  rig_engine_spawn ssh 1
  rig_sshd_start
  rig_engine_wait tls
  rig_engine_wait ssh
  rig_engine_image tls
  rig_engine_image ssh
}

rig_engines_down() {
  rig_sshd_stop
  rig_engine_stop tls
  rig_engine_stop ssh
}

rig_engines_env() {
  echo "export BERTH_TEST_TLS_DOCKER_HOST=tcp://127.0.0.1:$RIG_TLS_PORT"
  echo "export BERTH_TEST_TLS_PORT=$RIG_TLS_PORT"
  echo "export BERTH_TEST_TLS_CERTS=$RIG_TLS_CERTS"
  echo "export BERTH_TEST_TLS_LOCAL_HOST=unix://$(rig_engine_sock tls)"
  echo "export BERTH_TEST_SSH_HOST=127.0.0.1"
  echo "export BERTH_TEST_SSH_PORT=$RIG_SSH_PORT"
  echo "export BERTH_TEST_SSH_USER=root"
  echo "export BERTH_TEST_SSH_KEY=$RIG_SSH_DIR/client_ed25519"
  echo "export BERTH_TEST_SSH_WRONG_KEY=$RIG_SSH_DIR/wrong_ed25519"
  echo "export BERTH_TEST_SSH_LOCAL_HOST=unix://$(rig_engine_sock ssh)"
  echo "export BERTH_TEST_ENGINES_CTL=$ENGINES_HERE/engines.sh"
}

rig_engines_main() {
  local name=${1:-} cmd=${2:-} pid
  [[ "$name" == tls || "$name" == ssh ]] || { echo "usage: $0 tls|ssh start|stop|kill|status" >&2; exit 2; }
  case "$cmd" in
    start) rig_require_root; rig_engine_start "$name" ;;
    stop) rig_require_root; rig_engine_stop "$name" ;;
    kill) rig_require_root; rig_engine_stop "$name" kill ;;
    status)
      if pid=$(rig_pid_alive "dockerd-$name" dockerd); then echo "dockerd-$name running (pid $pid)"; else echo "dockerd-$name stopped"; exit 3; fi ;;
    *) echo "usage: $0 tls|ssh start|stop|kill|status" >&2; exit 2 ;;
  esac
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  rig_engines_main "$@"
fi
