#!/usr/bin/env bash
# A real three-node Docker Swarm for the Berth test rig: one manager and two workers, each a dockerd in its own
# network namespace (and UTS namespace, so each node has its own hostname) on a bridge this script makes.
# The namespaces have no default route: nothing a task does can leave the machine (a registry pull fails at once
# and the node uses the imported test image).
#
#   scripts/rig/swarm.sh start|stop|status|env
#
# up.sh and down.sh source this file for rig_swarm_up / rig_swarm_down / rig_swarm_env (then it only defines
# functions). BERTH_RIG_SWARM=0 makes up.sh skip it.
set -euo pipefail

SWARM_HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=dockerd.sh
source "$SWARM_HERE/dockerd.sh"

# Every name and subnet derives from the rig's own variables, so rigs in other slots run beside this one:
# the main bridge's third octet N (10.213.N.1/24) gives the swarm bridge 10.214.N.0/24 and the swarm's own
# pools 10.(100+N).0.0/16 (overlay networks from the lower half, node-local networks such as docker_gwbridge from
# the upper; both live only inside the node namespaces).
_rig_oct3=$(cut -d. -f3 <<<"${RIG_BRIDGE_CIDR%/*}")
RIG_SWARM_BRIDGE="${BERTH_RIG_SWARM_BRIDGE:-${RIG_BRIDGE}s}"
RIG_SWARM_CIDR="${BERTH_RIG_SWARM_CIDR:-10.214.$_rig_oct3.1/24}"
RIG_SWARM_POOL="${BERTH_RIG_SWARM_POOL:-10.$((100 + _rig_oct3)).0.0/17}"
RIG_SWARM_LOCAL_POOL="${BERTH_RIG_SWARM_LOCAL_POOL:-10.$((100 + _rig_oct3)).128.0/17}"
RIG_SWARM_DIR="$RIG/swarm"
# Namespace and veth names carry a hash of the rig dir: unique per rig, short enough for IFNAMSIZ (15).
RIG_SWARM_TAG="bsw$(printf %s "$RIG" | md5sum | cut -c1-6)"
RIG_SWARM_NODES=(1 2 3)

rig_swarm_netns() { echo "$RIG_SWARM_TAG-n$1"; }
rig_swarm_veth() { echo "${RIG_SWARM_TAG}v$1"; }
rig_swarm_host() { echo "berth-swarm-$1"; }
rig_swarm_addr() { echo "${RIG_SWARM_CIDR%.*}.$((10 + $1))"; }
rig_swarm_sock() { echo "$RIG_SWARM_DIR/node$1/docker.sock"; }
rig_swarm_docker() { # node args...
  local sock
  sock=$(rig_swarm_sock "$1")
  shift
  env -u DOCKER_HOST -u DOCKER_CONTEXT -u DOCKER_TLS_VERIFY -u DOCKER_CERT_PATH \
    DOCKER_CONFIG="$RIG_DOCKER_CONFIG" docker -H "unix://$sock" "$@"
}

# --- network ------------------------------------------------------------------------------------------
rig_swarm_bridge_up() {
  if ip link show dev "$RIG_SWARM_BRIDGE" >/dev/null 2>&1; then
    ip -4 -o addr show dev "$RIG_SWARM_BRIDGE" | grep -q " ${RIG_SWARM_CIDR%/*}/" \
      || rig_die "bridge $RIG_SWARM_BRIDGE exists without $RIG_SWARM_CIDR; remove it or set BERTH_RIG_SWARM_BRIDGE"
  else
    if ip -4 -o addr show | grep -q " ${RIG_SWARM_CIDR%.*}\."; then
      rig_die "subnet of $RIG_SWARM_CIDR already in use on this host; set BERTH_RIG_SWARM_CIDR"
    fi
    rig_log "creating swarm bridge $RIG_SWARM_BRIDGE $RIG_SWARM_CIDR"
    ip link add name "$RIG_SWARM_BRIDGE" type bridge
    ip addr add "$RIG_SWARM_CIDR" dev "$RIG_SWARM_BRIDGE"
    mkdir -p "$RIG_SWARM_DIR"
    touch "$RIG_SWARM_DIR/bridge.created"
  fi
  ip link set dev "$RIG_SWARM_BRIDGE" up
}

rig_swarm_netns_up() { # node
  local ns veth
  ns=$(rig_swarm_netns "$1")
  veth=$(rig_swarm_veth "$1")
  [[ -e "/run/netns/$ns" ]] || ip netns add "$ns"
  if ! ip link show dev "$veth" >/dev/null 2>&1; then
    ip link add "$veth" type veth peer name eth0 netns "$ns"
    ip link set dev "$veth" master "$RIG_SWARM_BRIDGE" up
  fi
  ip -n "$ns" link set dev lo up
  ip -n "$ns" -4 -o addr show dev eth0 | grep -q " $(rig_swarm_addr "$1")/" \
    || ip -n "$ns" addr add "$(rig_swarm_addr "$1")/${RIG_SWARM_CIDR#*/}" dev eth0
  ip -n "$ns" link set dev eth0 up
}

# --- daemons ------------------------------------------------------------------------------------------
rig_swarm_dockerd_spawn() { # node
  local n=$1 dir pid
  dir="$RIG_SWARM_DIR/node$n"
  if pid=$(rig_pid_alive "swarm-node$n" dockerd); then
    rig_log "swarm node $n already running (pid $pid)"
    return 0
  fi
  mkdir -p "$dir"
  rm -f "$dir/docker.pid"
  # The rig's containerd, under a namespace per node (as engines.sh does); no bridge, no iptables.
  cat >"$dir/daemon.json" <<EOF
{
  "containerd": "$RIG_CONTAINERD_SOCK",
  "containerd-namespace": "berth-swarm$n",
  "containerd-plugins-namespace": "berth-swarm$n-plugins",
  "bridge": "none",
  "iptables": false,
  "ip-forward": false,
  "ip-masq": false,
  "default-address-pools": [{"base": "$RIG_SWARM_LOCAL_POOL", "size": 24}],
  "cgroup-parent": "/berth-rig-swarm$n",
  "deprecated-key-path": "$dir/key.json",
  "log-level": "info"
}
EOF
  rig_log "starting swarm node $n ($(rig_swarm_host "$n"), $(rig_swarm_addr "$n"))"
  # unshare --uts (own hostname) and nsenter --net (not `ip netns exec`, which remounts /sys and loses the cgroup
  # v1 mounts) both exec in place, so the recorded pid is dockerd's own.
  rig_spawn "swarm-node$n" dockerd "$dir/dockerd.log" unshare --uts -- sh -c \
    'hostname "$1" && shift && exec nsenter --net="$@"' sh "$(rig_swarm_host "$n")" \
    "/run/netns/$(rig_swarm_netns "$n")" dockerd \
    --data-root "$dir/root" --exec-root "$dir/exec" --pidfile "$dir/docker.pid" \
    --config-file "$dir/daemon.json" -H "unix://$(rig_swarm_sock "$n")"
}

rig_swarm_dockerd_wait() { # node
  local n=$1 i
  for ((i = 0; i < 300; i++)); do
    rig_pid_alive "swarm-node$n" dockerd >/dev/null \
      || { tail -n 30 "$RIG_SWARM_DIR/node$n/dockerd.log" >&2; rig_die "swarm node $n exited"; }
    rig_swarm_docker "$n" version >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  rig_die "swarm node $n not answering after 30s"
}

rig_swarm_image() { # node
  local image=${TEST_IMAGE:-berth-test/busybox:latest}
  rig_swarm_docker "$1" image inspect "$image" >/dev/null 2>&1 && return 0
  rig_log "loading $image into swarm node $1"
  rig_docker save "$image" | rig_swarm_docker "$1" load >/dev/null
}

rig_swarm_state() { rig_swarm_docker "$1" info -f '{{.Swarm.LocalNodeState}}' 2>/dev/null || echo unknown; }

rig_swarm_form() {
  local n token i
  if [[ "$(rig_swarm_state 1)" != active ]]; then
    rig_log "swarm init on node 1"
    rig_swarm_docker 1 swarm init --advertise-addr "$(rig_swarm_addr 1)" --listen-addr "$(rig_swarm_addr 1):2377" \
      --default-addr-pool "$RIG_SWARM_POOL" --default-addr-pool-mask-length 24 >/dev/null
  fi
  token=$(rig_swarm_docker 1 swarm join-token -q worker)
  for n in "${RIG_SWARM_NODES[@]:1}"; do
    [[ "$(rig_swarm_state "$n")" == active ]] && continue
    rig_log "node $n joins the swarm"
    rig_swarm_docker "$n" swarm join --token "$token" --advertise-addr "$(rig_swarm_addr "$n")" \
      "$(rig_swarm_addr 1):2377" >/dev/null
  done
  # Every node Ready (after a restart the workers take a moment to report in again).
  for ((i = 0; i < 300; i++)); do
    if [[ "$(rig_swarm_docker 1 node ls -q --filter role=worker | wc -l)" -ge 2 ]] \
      && ! rig_swarm_docker 1 node ls --format '{{.Status}}' | grep -qv Ready; then
      rig_swarm_reset
      return 0
    fi
    sleep 0.1
  done
  rig_swarm_docker 1 node ls >&2 || true
  rig_die "swarm nodes not Ready after 30s"
}

# The nodes' state is kept between runs, so it also keeps what an interrupted test left behind: a drained node (the
# next run's tasks then all land on the other worker) or services still running tasks. Every run starts from all
# nodes active and no services.
rig_swarm_reset() {
  local id services
  for id in $(rig_swarm_docker 1 node ls -q); do
    if [[ "$(rig_swarm_docker 1 node inspect -f '{{.Spec.Availability}}' "$id")" != active ]]; then
      rig_log "swarm node $id was left $(rig_swarm_docker 1 node inspect -f '{{.Spec.Availability}}' "$id"): active again"
      rig_swarm_docker 1 node update --availability active "$id" >/dev/null
    fi
  done
  services=$(rig_swarm_docker 1 service ls -q)
  if [[ -n "$services" ]]; then
    rig_log "removing $(wc -w <<<"$services") service(s) an earlier run left"
    # shellcheck disable=SC2086
    rig_swarm_docker 1 service rm $services >/dev/null
  fi
}

rig_swarm_up() {
  local n
  mkdir -p "$RIG_SWARM_DIR"
  rig_containerd_start
  rig_swarm_bridge_up
  for n in "${RIG_SWARM_NODES[@]}"; do rig_swarm_netns_up "$n"; done
  for n in "${RIG_SWARM_NODES[@]}"; do rig_swarm_dockerd_spawn "$n"; done
  for n in "${RIG_SWARM_NODES[@]}"; do rig_swarm_dockerd_wait "$n"; done
  for n in "${RIG_SWARM_NODES[@]}"; do rig_swarm_image "$n"; done
  rig_swarm_form
}

# Tasks are killed first (busybox PID 1 ignores SIGTERM: dockerd would wait out each stop timeout), then the three
# daemons get SIGTERM together and are awaited; SIGKILL only after 60 s.
rig_swarm_down() {
  local n pid running pids=()
  for n in "${RIG_SWARM_NODES[@]}"; do
    rig_pid_alive "swarm-node$n" dockerd >/dev/null || continue
    running=$(rig_swarm_docker "$n" ps -q 2>/dev/null || true)
    # shellcheck disable=SC2086
    [[ -z "$running" ]] || rig_swarm_docker "$n" kill $running >/dev/null 2>&1 || true
  done
  for n in "${RIG_SWARM_NODES[@]}"; do
    if pid=$(rig_pid_alive "swarm-node$n" dockerd); then
      rig_log "stopping swarm node $n (pid $pid)"
      kill -TERM "$pid"
      pids+=("$pid")
    fi
  done
  for pid in "${pids[@]}"; do
    if ! rig_wait_exit "$pid" 60; then
      rig_log "swarm dockerd (pid $pid) still running after 60s, sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      rig_wait_exit "$pid" 10 || rig_die "swarm dockerd (pid $pid) did not exit"
    fi
  done
  for n in "${RIG_SWARM_NODES[@]}"; do
    rm -f "$RIG/swarm-node$n.pid"
    # Deleting the namespace takes its veth (and the peer on the bridge) with it.
    if [[ -e "/run/netns/$(rig_swarm_netns "$n")" ]]; then
      ip netns delete "$(rig_swarm_netns "$n")"
    fi
  done
  if [[ -f "$RIG_SWARM_DIR/bridge.created" ]]; then
    if ip link show dev "$RIG_SWARM_BRIDGE" >/dev/null 2>&1; then
      rig_log "removing swarm bridge $RIG_SWARM_BRIDGE"
      ip link delete dev "$RIG_SWARM_BRIDGE" type bridge
    fi
    rm -f "$RIG_SWARM_DIR/bridge.created"
  fi
}

rig_swarm_env() {
  local n workers=() hosts=() names=()
  for n in "${RIG_SWARM_NODES[@]}"; do
    hosts+=("unix://$(rig_swarm_sock "$n")")
    names+=("$(rig_swarm_host "$n")")
    ((n == 1)) || workers+=("unix://$(rig_swarm_sock "$n")")
  done
  echo "export BERTH_TEST_SWARM_MANAGER_HOST=unix://$(rig_swarm_sock 1)"
  echo "export BERTH_TEST_SWARM_MANAGER_SOCKET=$(rig_swarm_sock 1)"
  echo "export BERTH_TEST_SWARM_MANAGER_NAME=$(rig_swarm_host 1)"
  echo "export BERTH_TEST_SWARM_MANAGER_ADDR=$(rig_swarm_addr 1)"
  # Comma-separated, in node order (2, 3).
  echo "export BERTH_TEST_SWARM_WORKER_HOSTS=$(IFS=,; echo "${workers[*]}")"
  echo "export BERTH_TEST_SWARM_WORKER_NAMES=$(rig_swarm_host 2),$(rig_swarm_host 3)"
  echo "export BERTH_TEST_SWARM_WORKER_ADDRS=$(rig_swarm_addr 2),$(rig_swarm_addr 3)"
  echo "export BERTH_TEST_SWARM_NODE_HOSTS=$(IFS=,; echo "${hosts[*]}")"
  echo "export BERTH_TEST_SWARM_NODE_NAMES=$(IFS=,; echo "${names[*]}")"
  echo "export BERTH_TEST_SWARM_BRIDGE=$RIG_SWARM_BRIDGE"
  echo "export BERTH_TEST_SWARM_CTL=$SWARM_HERE/swarm.sh"
}

rig_swarm_main() {
  local n pid
  case "${1:-}" in
    start) rig_require_root; rig_swarm_up ;;
    stop) rig_require_root; rig_swarm_down ;;
    status)
      for n in "${RIG_SWARM_NODES[@]}"; do
        if pid=$(rig_pid_alive "swarm-node$n" dockerd); then
          echo "swarm node $n running (pid $pid, $(rig_swarm_state "$n"))"
        else
          echo "swarm node $n stopped"
        fi
      done ;;
    env) rig_swarm_env ;;
    *) echo "usage: $0 start|stop|status|env" >&2; exit 2 ;;
  esac
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  rig_swarm_main "$@"
fi
