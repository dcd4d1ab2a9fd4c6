#!/usr/bin/env bash
# Stops exactly what up.sh started, by recorded pid (never by process name), and removes the bridge it made.
# Data under the rig dir is kept (next up.sh is faster) unless --purge is given.
#
#   scripts/rig/down.sh [--purge]
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

PURGE=0
[[ "${1:-}" == "--purge" ]] && PURGE=1

rig_require_root
[[ -d "$RIG" ]] || { rig_log "no rig at $RIG"; exit 0; }

# 1. dockerd, cleanly. Running containers are killed first: otherwise dockerd waits out each one's stop
#    timeout (a `sleep` PID 1 ignores SIGTERM), and with live-restore they would outlive dockerd and
#    containerd as orphaned shims. The containers themselves stay (stopped) in the private engine.
if rig_pid_alive dockerd dockerd >/dev/null; then
  running=$(rig_docker ps -q 2>/dev/null || true)
  if [[ -n "$running" ]]; then
    rig_log "killing $(wc -w <<<"$running") running container(s)"
    # shellcheck disable=SC2086
    rig_docker kill $running >/dev/null 2>&1 || true
  fi
fi
# Bridges of networks tests created in the private engine (br-<id>, 10.213.128.0/17): dockerd leaves them
# behind on exit and recreates them on start, so they are ours to remove. Listed while dockerd still answers.
net_bridges=()
if rig_pid_alive dockerd dockerd >/dev/null; then
  ids=$(rig_docker network ls -q --no-trunc --filter driver=bridge 2>/dev/null || true)
  if [[ -n "$ids" ]]; then
    # shellcheck disable=SC2086 # $ids: one network id per word
    while read -r id name; do
      [[ -n "$id" ]] && net_bridges+=("${name:-br-${id:0:12}}")
    done < <(rig_docker network inspect -f '{{.Id}} {{with index .Options "com.docker.network.bridge.name"}}{{.}}{{end}}' $ids 2>/dev/null || true)
  fi
fi
rig_dockerd_stop
rig_engines_down
# Always, whatever BERTH_RIG_SWARM says now: stops only nodes whose pid records exist.
rig_swarm_down
# Likewise Kubernetes: kubelet, its pods and containerd, the control plane, etcd (by their pid records).
rig_k8s_down
# Tasks dockerd did not stop (live-restore, or a dockerd that was SIGKILLed): their shims would outlive
# containerd, so kill them through our containerd's own socket.
if rig_pid_alive containerd containerd >/dev/null; then
  for ns in $(ctr --address "$RIG_CONTAINERD_SOCK" namespaces ls -q 2>/dev/null); do
    for task in $(ctr --address "$RIG_CONTAINERD_SOCK" -n "$ns" tasks ls -q 2>/dev/null); do
      rig_log "killing leftover task $ns/${task:0:12}"
      ctr --address "$RIG_CONTAINERD_SOCK" -n "$ns" tasks kill -a -s SIGKILL "$task" >/dev/null 2>&1 || true
      for ((i = 0; i < 50; i++)); do
        ctr --address "$RIG_CONTAINERD_SOCK" -n "$ns" tasks delete "$task" >/dev/null 2>&1 && break
        sleep 0.1
      done
    done
  done
fi
rig_containerd_stop
# dockerd may already be dead (SIGKILLed by a test): then also take any bridge holding an address in the
# rig's dedicated pool ($RIG_ADDRESS_POOL), which only this engine allocates from.
ip4_int() { local IFS=.; read -r a b c d <<<"$1"; echo $(((a << 24) | (b << 16) | (c << 8) | d)); }
pool_net=$(ip4_int "${RIG_ADDRESS_POOL%/*}")
pool_mask=$(((0xffffffff << (32 - ${RIG_ADDRESS_POOL#*/})) & 0xffffffff))
while read -r dev _ addr _; do
  addr=${addr%/*}
  if [[ "$dev" == br-* ]] && ((($(ip4_int "$addr") & pool_mask) == (pool_net & pool_mask))); then
    net_bridges+=("$dev")
  fi
done < <(ip -4 -o addr show | awk '{ print $2, $3, $4 }')
for br in $(printf '%s\n' "${net_bridges[@]}" | sort -u); do
  [[ "$br" == "$RIG_BRIDGE" ]] && continue # the default network's bridge: handled below
  if ip link show dev "$br" >/dev/null 2>&1; then
    rig_log "removing network bridge $br"
    ip link delete dev "$br" type bridge || true
  fi
done

# 2. registry.
rig_stop_pid registry docker-registry 30
rig_stop_pid auth-registry docker-registry 30

# 3. postgres, through pg_ctl (it signals the postmaster named in the data dir's own pid file).
#    Keyed on the data dir (ours alone) rather than $RIG/postgres.pid, so a lost pid record still stops it.
PGDATA="$RIG/pg/data"
if [[ -f "$PGDATA/postmaster.pid" ]]; then
  PGBIN="/usr/lib/postgresql/$(cat "$PGDATA/PG_VERSION")/bin"
  if runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
    rig_log "stopping postgres (pid $(head -n 1 "$PGDATA/postmaster.pid"))"
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w -t 60 stop >/dev/null
  fi
fi
rm -f "$RIG/postgres.pid"

# 4. the bridge, only if up.sh created it (dockerd leaves a --bridge it did not create in place).
if [[ -f "$RIG/bridge.created" ]]; then
  if ip link show dev "$RIG_BRIDGE" >/dev/null 2>&1; then
    rig_log "removing bridge $RIG_BRIDGE"
    ip link delete dev "$RIG_BRIDGE" type bridge
  fi
  rm -f "$RIG/bridge.created"
fi

# dockerd bind-mounts its data root onto itself; after a SIGKILLed dockerd that mount stays, and the next
# dockerd no longer unmounts it on exit. With every rig daemon stopped, mounts left under $RIG are stale.
rig_mounts() { awk -v r="$RIG/" 'index($5 "/", r) == 1 { print $5 }' /proc/self/mountinfo | sort -r; }
for m in $(rig_mounts); do
  rig_log "unmounting stale $m"
  umount "$m" 2>/dev/null || umount -l "$m" || true
done

if ((PURGE)); then
  # dockerd unmounts its overlay mounts on a clean exit; refuse to rm -rf across a leftover mount.
  if [[ -n "$(rig_mounts)" ]]; then
    rig_die "mounts remain under $RIG; not purging"
  fi
  rig_log "removing $RIG"
  rm -rf "$RIG"
fi
rig_log "down"
