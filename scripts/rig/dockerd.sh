#!/usr/bin/env bash
# Private Docker engine for the Berth test rig (containerd + dockerd, all state under the rig dir).
#
#   scripts/rig/dockerd.sh start|stop|restart|kill|status
#
# e2e tests call `stop` then `start` to simulate a daemon restart mid-stream; `kill` (SIGKILL) simulates
# a crash. containerd keeps running across these, like a systemd host where containerd is its own unit.
#
# This file is also sourced by up.sh and down.sh for the shared helpers below (rig_*), so the exact
# dockerd arguments live in one place. When sourced it only defines variables and functions.
set -euo pipefail

RIG="${BERTH_RIG_DIR:-/tmp/berth-rig}"
# Dedicated bridge instead of docker0: docker0 (172.17.0.0/16) would collide with a user's own engine.
RIG_BRIDGE="${BERTH_RIG_BRIDGE:-berthbr0}"
RIG_BRIDGE_CIDR="${BERTH_RIG_BRIDGE_CIDR:-10.213.7.1/24}"
# Subnets for networks that tests create (`docker network create`), kept away from 172.16/12 for the same reason.
RIG_ADDRESS_POOL="${BERTH_RIG_ADDRESS_POOL:-10.213.128.0/17}"
RIG_DOCKER_DIR="$RIG/docker"
RIG_DOCKER_SOCK="$RIG_DOCKER_DIR/docker.sock"
RIG_CONTAINERD_DIR="$RIG/containerd"
RIG_CONTAINERD_SOCK="$RIG_CONTAINERD_DIR/containerd.sock"
# Client config of our own, so a user's ~/.docker (credsStore, proxies, contexts) never affects the rig.
RIG_DOCKER_CONFIG="$RIG/docker-client"

rig_log() { printf '[rig] %s\n' "$*" >&2; }
rig_die() { printf '[rig] ERROR: %s\n' "$*" >&2; exit 1; }

# Talk to the private engine only: explicit -H, and the user's DOCKER_* env cannot redirect us elsewhere.
rig_docker() {
  env -u DOCKER_HOST -u DOCKER_CONTEXT -u DOCKER_TLS_VERIFY -u DOCKER_CERT_PATH \
    DOCKER_CONFIG="$RIG_DOCKER_CONFIG" docker -H "unix://$RIG_DOCKER_SOCK" "$@"
}

# Prints the pid recorded in $RIG/<name>.pid if that process is alive AND runs the expected binary
# (guards against a recycled pid: we must never signal somebody else's process).
rig_pid_alive() {
  local name=$1 exe=$2 pid real
  [[ -f "$RIG/$name.pid" ]] || return 1
  pid=$(tr -dc '0-9' <"$RIG/$name.pid")
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  real=$(readlink "/proc/$pid/exe" 2>/dev/null) || return 1
  real=${real% (deleted)}   # binary replaced by an apt upgrade while running
  [[ "${real##*/}" == "$exe" ]] || return 1
  echo "$pid"
}

# A process that exited but is not reaped yet (a zombie) counts as gone: our daemons are reparented to
# PID 1, and some PID 1s (container/VM init shims) reap only every second or two.
rig_running() {
  local state
  state=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null) || return 1 # state follows "(comm) "
  state=${state%% *}
  [[ -n "$state" && "$state" != Z && "$state" != X ]]
}

rig_wait_exit() { # pid timeout_seconds
  local pid=$1 i
  for ((i = 0; i < $2 * 20; i++)); do
    rig_running "$pid" || return 0
    sleep 0.05
  done
  return 1
}

# SIGTERM the recorded pid, wait, SIGKILL only as a last resort. Never by name.
rig_stop_pid() { # name exe timeout_seconds
  local name=$1 exe=$2 timeout=$3 pid
  if pid=$(rig_pid_alive "$name" "$exe"); then
    rig_log "stopping $name (pid $pid)"
    kill -TERM "$pid"
    if ! rig_wait_exit "$pid" "$timeout"; then
      rig_log "$name (pid $pid) still running after ${timeout}s, sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      rig_wait_exit "$pid" 10 || rig_die "$name (pid $pid) did not exit"
    fi
  fi
  rm -f "$RIG/$name.pid"
}

# Start a daemon detached from our session (setsid: a test runner killing its process group, or ^C in
# the terminal, does not take the rig down) with stdio off the caller's pipes (else CI waits for EOF).
# In a non-interactive script a background job is never a process-group leader, so setsid execs without
# forking and $! is the daemon's own pid.
rig_spawn() { # name exe logfile cmd...
  local name=$1 exe=$2 log=$3 pid i
  shift 3
  setsid "$@" </dev/null >>"$log" 2>&1 &
  pid=$!
  echo "$pid" >"$RIG/$name.pid"
  # Wait for the exec to land so later liveness checks (which compare /proc/PID/exe) see the daemon.
  for ((i = 0; i < 100; i++)); do
    rig_pid_alive "$name" "$exe" >/dev/null && return 0
    rig_running "$pid" || break
    sleep 0.02
  done
  tail -n 30 "$log" >&2
  rig_die "$name failed to start (log: $log)"
}

rig_require_root() { [[ $(id -u) -eq 0 ]] || rig_die "the rig needs root (dockerd, bridge, runuser)"; }

# --- bridge -------------------------------------------------------------------------------------------
rig_bridge_up() {
  if ip link show dev "$RIG_BRIDGE" >/dev/null 2>&1; then
    ip -4 -o addr show dev "$RIG_BRIDGE" | grep -q " ${RIG_BRIDGE_CIDR%/*}/" \
      || rig_die "bridge $RIG_BRIDGE exists without address $RIG_BRIDGE_CIDR; remove it or set BERTH_RIG_BRIDGE"
  else
    # Refuse a subnet some other interface already uses (a second route would break both).
    if ip -4 -o addr show | grep -q " ${RIG_BRIDGE_CIDR%.*}\."; then
      rig_die "subnet of $RIG_BRIDGE_CIDR already in use on this host; set BERTH_RIG_BRIDGE_CIDR"
    fi
    rig_log "creating bridge $RIG_BRIDGE $RIG_BRIDGE_CIDR"
    ip link add name "$RIG_BRIDGE" type bridge
    ip addr add "$RIG_BRIDGE_CIDR" dev "$RIG_BRIDGE"
    touch "$RIG/bridge.created" # down.sh removes only a bridge we made
  fi
  ip link set dev "$RIG_BRIDGE" up
}

# --- containerd -----------------------------------------------------------------------------------------
# Our own containerd rather than dockerd's "managed" one: dockerd 20.10 silently uses the SYSTEM containerd
# whenever /run/containerd/containerd.sock exists, which would mix our containers into a user's daemon.
rig_containerd_start() {
  local pid i
  mkdir -p "$RIG_CONTAINERD_DIR"
  if pid=$(rig_pid_alive containerd containerd); then
    rig_log "containerd already running (pid $pid)"
    return 0
  fi
  # Every path containerd would otherwise take from /var/lib, /run or /opt is pinned under the rig dir.
  # (Shim sockets still go to /run/containerd/s/<hash of our socket path>: hard-coded in containerd 1.6,
  # unique per containerd address, so they cannot clash with a system containerd.)
  cat >"$RIG_CONTAINERD_DIR/config.toml" <<EOF
version = 2
root = "$RIG_CONTAINERD_DIR/root"
state = "$RIG_CONTAINERD_DIR/state"
plugin_dir = ""
disabled_plugins = ["io.containerd.grpc.v1.cri"]
[grpc]
  address = "$RIG_CONTAINERD_SOCK"
[ttrpc]
  address = "$RIG_CONTAINERD_SOCK.ttrpc"
[debug]
  address = "$RIG_CONTAINERD_DIR/debug.sock"
[metrics]
  address = ""
[plugins."io.containerd.internal.v1.opt"]
  path = "$RIG_CONTAINERD_DIR/opt"
EOF
  rm -f "$RIG_CONTAINERD_SOCK" "$RIG_CONTAINERD_SOCK.ttrpc" "$RIG_CONTAINERD_DIR/debug.sock"
  rig_log "starting containerd"
  rig_spawn containerd containerd "$RIG_CONTAINERD_DIR/containerd.log" containerd --config "$RIG_CONTAINERD_DIR/config.toml"
  for ((i = 0; i < 200; i++)); do
    rig_pid_alive containerd containerd >/dev/null \
      || { tail -n 30 "$RIG_CONTAINERD_DIR/containerd.log" >&2; rig_die "containerd exited"; }
    ctr --address "$RIG_CONTAINERD_SOCK" version >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  rig_die "containerd not ready after 20s (log: $RIG_CONTAINERD_DIR/containerd.log)"
}

rig_containerd_stop() { rig_stop_pid containerd containerd 30; }

# --- dockerd ------------------------------------------------------------------------------------------
rig_dockerd_config() {
  local live_restore=false ip_forward=false
  [[ "${BERTH_RIG_LIVE_RESTORE:-0}" == 1 ]] && live_restore=true
  # Opt-in: lets dockerd set net.ipv4.ip_forward=1 host-wide. Without it every container create returns
  # the warning "IPv4 forwarding is disabled. Networking will not work." (loopback publishing works anyway).
  [[ "${BERTH_RIG_IP_FORWARD:-0}" == 1 ]] && ip_forward=true
  mkdir -p "$RIG_DOCKER_DIR" "$RIG_DOCKER_CONFIG"
  # --config-file keeps a user's /etc/docker/daemon.json out (its "hosts" or "bridge" would conflict).
  #  iptables=false: never touch the host firewall; published ports work through docker-proxy (userland).
  #  ip-forward=false (default): dockerd would otherwise flip net.ipv4.ip_forward=1 host-wide.
  #  ip=127.0.0.1: `-p 8080:80` without a host IP binds loopback only, never 0.0.0.0.
  #  deprecated-key-path: else /etc/docker/key.json, shared with the user's engine => identical engine IDs.
  #  cgroup-parent: keep our containers out of /docker, the system engine's cgroup parent.
  cat >"$RIG_DOCKER_DIR/daemon.json" <<EOF
{
  "containerd": "$RIG_CONTAINERD_SOCK",
  "bridge": "$RIG_BRIDGE",
  "iptables": false,
  "ip-forward": $ip_forward,
  "ip-masq": false,
  "ip": "127.0.0.1",
  "userland-proxy": true,
  "default-address-pools": [{"base": "$RIG_ADDRESS_POOL", "size": 24}],
  "cgroup-parent": "/berth-rig",
  "deprecated-key-path": "$RIG_DOCKER_DIR/key.json",
  "live-restore": $live_restore,
  "log-level": "info"
}
EOF
}

rig_dockerd_start() {
  local pid i
  mkdir -p "$RIG_DOCKER_DIR"
  if pid=$(rig_pid_alive dockerd dockerd); then
    rig_log "dockerd already running (pid $pid)"
    return 0
  fi
  # Our pid record lost but dockerd's own --pidfile names a live dockerd: adopt it rather than fail.
  if [[ -f "$RIG_DOCKER_DIR/docker.pid" ]]; then
    cp "$RIG_DOCKER_DIR/docker.pid" "$RIG/dockerd.pid"
    if pid=$(rig_pid_alive dockerd dockerd); then
      rig_log "adopting running dockerd (pid $pid)"
      return 0
    fi
    # Stale: dockerd refuses to start while its pidfile names any live process.
    rm -f "$RIG_DOCKER_DIR/docker.pid" "$RIG/dockerd.pid"
  fi
  rig_bridge_up
  rig_containerd_start
  rig_dockerd_config
  rig_log "starting dockerd"
  rig_spawn dockerd dockerd "$RIG_DOCKER_DIR/dockerd.log" dockerd \
    --data-root "$RIG_DOCKER_DIR/root" \
    --exec-root "$RIG_DOCKER_DIR/exec" \
    -H "unix://$RIG_DOCKER_SOCK" \
    --pidfile "$RIG_DOCKER_DIR/docker.pid" \
    --config-file "$RIG_DOCKER_DIR/daemon.json"
  for ((i = 0; i < 300; i++)); do
    rig_pid_alive dockerd dockerd >/dev/null \
      || { tail -n 30 "$RIG_DOCKER_DIR/dockerd.log" >&2; rig_die "dockerd exited"; }
    if rig_docker version >/dev/null 2>&1; then
      rig_log "dockerd ready (pid $(cat "$RIG/dockerd.pid"))"
      return 0
    fi
    sleep 0.1
  done
  tail -n 30 "$RIG_DOCKER_DIR/dockerd.log" >&2
  rig_die "dockerd not answering after 30s"
}

# On SIGTERM dockerd stops running containers (each gets its stop timeout, 10s by default; a `sleep`
# PID 1 ignores SIGTERM) unless live-restore is on, hence the generous wait.
rig_dockerd_stop() { rig_stop_pid dockerd dockerd 60; }

rig_dockerd_kill() {
  local pid
  if pid=$(rig_pid_alive dockerd dockerd); then
    rig_log "killing dockerd (pid $pid) with SIGKILL"
    kill -KILL "$pid"
    rig_wait_exit "$pid" 10 || rig_die "dockerd (pid $pid) did not exit"
  fi
  rm -f "$RIG/dockerd.pid"
}

rig_dockerd_main() {
  case "${1:-}" in
    start) rig_require_root; rig_dockerd_start ;;
    stop) rig_require_root; rig_dockerd_stop ;;
    restart) rig_require_root; rig_dockerd_stop; rig_dockerd_start ;;
    kill) rig_require_root; rig_dockerd_kill ;;
    status)
      if pid=$(rig_pid_alive dockerd dockerd); then echo "dockerd running (pid $pid)"; else echo "dockerd stopped"; exit 3; fi ;;
    *) echo "usage: $0 start|stop|restart|kill|status" >&2; exit 2 ;;
  esac
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  rig_dockerd_main "$@"
fi
