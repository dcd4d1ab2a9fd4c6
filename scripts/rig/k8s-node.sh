#!/usr/bin/env bash
# The node of the rig's Kubernetes (sourced by k8s.sh): its bridge, cgroup root, CNI config, a containerd of its
# own with the CRI plugin, the pause and busybox images, and the kubelet; and their orderly teardown.

RIG_K8S_CTRD_DIR() { echo "$RIG_K8S_DIR/containerd"; }
rig_k8s_ctr() { ctr --address "$(RIG_K8S_CTRD_DIR)/containerd.sock" -n k8s.io "$@"; }
# Each rig's kubelet gets its own cgroup root: two kubelets under one /kubepods would delete each other's pods.
RIG_K8S_CGROUP="berth-k8s-$(printf %s "$RIG" | md5sum | cut -c1-6)"
# kubelet writes these host-wide; saved by the first rig kubelet on the machine, restored by the last one.
RIG_K8S_SYSCTLS=(kernel.panic kernel.panic_on_oops vm.overcommit_memory)
RIG_K8S_SYSCTL_DIR=/run/berth-rig-k8s-sysctl

rig_k8s_bridge_up() {
  if ip link show dev "$RIG_K8S_BRIDGE" >/dev/null 2>&1; then
    ip -4 -o addr show dev "$RIG_K8S_BRIDGE" | grep -q " $RIG_K8S_NODE_IP/" \
      || rig_die "bridge $RIG_K8S_BRIDGE exists without $RIG_K8S_NODE_CIDR; remove it or set BERTH_RIG_K8S_BRIDGE"
  else
    ip -4 -o addr show | grep -q " ${RIG_K8S_NODE_IP%.*}\." \
      && rig_die "subnet of $RIG_K8S_NODE_CIDR already in use on this host; set BERTH_RIG_K8S_NODE_CIDR"
    rig_log "creating k8s node bridge $RIG_K8S_BRIDGE $RIG_K8S_NODE_CIDR"
    ip link add name "$RIG_K8S_BRIDGE" type bridge
    ip addr add "$RIG_K8S_NODE_CIDR" dev "$RIG_K8S_BRIDGE"
    touch "$RIG_K8S_DIR/bridge.created"
  fi
  ip link set dev "$RIG_K8S_BRIDGE" up
}

rig_k8s_cgroups() { # up|down
  local c d
  for c in /sys/fs/cgroup/*/; do
    c=${c%/}
    [[ -f "$c/cgroup.procs" ]] || continue # v1 hierarchies only (this VM runs cgroup v1)
    d="$c/$RIG_K8S_CGROUP"
    if [[ "$1" == up ]]; then
      [[ -d "$d" ]] || mkdir "$d"
      # A new v1 cpuset starts empty: no task could run in it.
      if [[ -f "$c/cpuset.cpus" && -z "$(cat "$d/cpuset.cpus")" ]]; then
        cat "$c/cpuset.cpus" >"$d/cpuset.cpus"
        cat "$c/cpuset.mems" >"$d/cpuset.mems"
      fi
    elif [[ -d "$d" ]]; then
      find "$d" -depth -type d -exec rmdir {} \; 2>/dev/null || true
    fi
  done
}

rig_k8s_sysctl_save() {
  mkdir -p "$RIG_K8S_SYSCTL_DIR/users"
  if [[ ! -f "$RIG_K8S_SYSCTL_DIR/saved" ]]; then
    local s
    for s in "${RIG_K8S_SYSCTLS[@]}"; do echo "$s=$(sysctl -n "$s")"; done >"$RIG_K8S_SYSCTL_DIR/saved.tmp"
    mv "$RIG_K8S_SYSCTL_DIR/saved.tmp" "$RIG_K8S_SYSCTL_DIR/saved"
  fi
  echo "$RIG" >"$RIG_K8S_SYSCTL_DIR/users/$RIG_K8S_CGROUP"
}

rig_k8s_sysctl_restore() {
  rm -f "$RIG_K8S_SYSCTL_DIR/users/$RIG_K8S_CGROUP"
  [[ -f "$RIG_K8S_SYSCTL_DIR/saved" ]] || return 0
  # Another rig's kubelet still runs: it would set them again; the last one out restores.
  [[ -z "$(ls -A "$RIG_K8S_SYSCTL_DIR/users" 2>/dev/null)" ]] || return 0
  rig_log "restoring ${RIG_K8S_SYSCTLS[*]}"
  sysctl -q -p "$RIG_K8S_SYSCTL_DIR/saved" >/dev/null
  rm -rf "$RIG_K8S_SYSCTL_DIR"
}

rig_k8s_containerd_up() {
  local pid d i
  d=$(RIG_K8S_CTRD_DIR)
  if pid=$(rig_pid_alive k8s-containerd containerd); then
    rig_log "k8s containerd already running (pid $pid)"
    return 0
  fi
  mkdir -p "$d" "$RIG_K8S_DIR/cni/net.d"
  # restrict_oom_score_adj: this VM withholds CAP_SYS_RESOURCE; runc fails to lower a score otherwise.
  cat >"$d/config.toml" <<EOF
version = 2
root = "$d/root"
state = "$d/state"
[grpc]
  address = "$d/containerd.sock"
[ttrpc]
  address = "$d/containerd.sock.ttrpc"
[debug]
  address = ""
[metrics]
  address = ""
[plugins."io.containerd.internal.v1.opt"]
  path = "$d/opt"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "docker.io/$RIG_K8S_PAUSE_IMAGE"
  restrict_oom_score_adj = true
  stream_server_address = "127.0.0.1"
  stream_server_port = "0"
  enable_selinux = false
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$RIG_K8S_DIR/cni/net.d"
EOF
  rig_spawn k8s-containerd containerd "$d/containerd.log" containerd --config "$d/config.toml"
  for ((i = 0; i < 200; i++)); do
    rig_k8s_ctr version >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  rig_die "k8s containerd not answering (log: $d/containerd.log)"
}

# No default route (isGateway false): a pod reaches its node and its peers on the bridge, nothing beyond.
rig_k8s_cni_config() {
  cat >"$RIG_K8S_DIR/cni/net.d/10-berth.conflist" <<EOF
{
  "cniVersion": "0.4.0",
  "name": "berth-k8s",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "$RIG_K8S_BRIDGE",
      "isGateway": false,
      "ipMasq": false,
      "hairpinMode": true,
      "ipam": {
        "type": "host-local",
        "dataDir": "$RIG_K8S_DIR/cni/ipam",
        "ranges": [[{ "subnet": "${RIG_K8S_NODE_IP%.*}.0/24", "rangeStart": "${RIG_K8S_NODE_IP%.*}.10",
                      "rangeEnd": "${RIG_K8S_NODE_IP%.*}.250" }]]
      }
    }
  ]
}
EOF
}

# pause (built with the binaries) and the rig's busybox test image, saved from the rig's dockerd.
rig_k8s_images() {
  local tmp have
  # Listed once into a variable: `ctr ... | grep -q` under pipefail fails when grep exits early (SIGPIPE).
  have=$(rig_k8s_ctr image ls -q)
  if grep -qx "docker.io/$RIG_K8S_PAUSE_IMAGE" <<<"$have" && grep -qx "docker.io/$RIG_K8S_IMAGE" <<<"$have"; then
    return 0
  fi
  rig_log "importing $RIG_K8S_PAUSE_IMAGE and $RIG_K8S_IMAGE into the k8s containerd"
  tmp=$(mktemp -d "$RIG/k8s-images.XXXXXX")
  mkdir "$tmp/root"
  install -m 755 "$RIG_K8S_BIN/pause" "$tmp/root/pause"
  tar -C "$tmp/root" --numeric-owner --owner=0 --group=0 -cf "$tmp/pause.tar" .
  rig_docker import -c 'ENTRYPOINT ["/pause"]' -m 'berth rig: pause from the kubernetes source' \
    "$tmp/pause.tar" "$RIG_K8S_PAUSE_IMAGE" >/dev/null
  rig_docker save -o "$tmp/images.tar" "$RIG_K8S_PAUSE_IMAGE" "$RIG_K8S_IMAGE"
  rig_k8s_ctr image import "$tmp/images.tar" >/dev/null
  rm -rf "$tmp"
}

rig_k8s_node_prepare() {
  mkdir -p "$RIG_K8S_DIR/kubelet" "$RIG_K8S_DIR/cni/net.d"
  rig_k8s_bridge_up
  rig_k8s_cgroups up
  rig_k8s_cni_config
  rig_k8s_containerd_up
  rig_k8s_images
}

rig_k8s_kubelet_up() {
  local pid p="$RIG_K8S_DIR/pki"
  if pid=$(rig_pid_alive k8s-kubelet kubelet); then
    rig_log "kubelet already running (pid $pid)"
    return 0
  fi
  rig_k8s_port_free "$RIG_K8S_KUBELET_PORT"
  # Pods get no resolver (no cluster DNS here, and no route out).
  echo "options ndots:1" >"$RIG_K8S_DIR/resolv.conf"
  cat >"$RIG_K8S_DIR/kubelet.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: $RIG_K8S_NODE_IP
port: $RIG_K8S_KUBELET_PORT
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: $RIG_K8S_KUBELET_HEALTHZ_PORT
tlsCertFile: $p/kubelet.crt
tlsPrivateKeyFile: $p/kubelet.key
authentication:
  anonymous: { enabled: false }
  webhook: { enabled: true }
  x509: { clientCAFile: $p/ca.crt }
authorization: { mode: Webhook }
cgroupDriver: cgroupfs
cgroupRoot: /$RIG_K8S_CGROUP
cgroupsPerQOS: true
enforceNodeAllocatable: [pods]
failSwapOn: false
oomScoreAdj: 0
resolvConf: $RIG_K8S_DIR/resolv.conf
makeIPTablesUtilChains: false
evictionHard: { memory.available: 100Mi, nodefs.available: 2%, imagefs.available: 2% }
imageGCHighThresholdPercent: 99
imageGCLowThresholdPercent: 98
serializeImagePulls: false
volumePluginDir: $RIG_K8S_DIR/kubelet-plugins
maxPods: 110
EOF
  rig_k8s_sysctl_save
  # AWS_EC2_METADATA_DISABLED: the built-in AWS credential provider probes the cloud metadata address at start.
  rig_spawn k8s-kubelet kubelet "$RIG_K8S_DIR/kubelet.log" env AWS_EC2_METADATA_DISABLED=true \
    "$RIG_K8S_BIN/kubelet" --config="$RIG_K8S_DIR/kubelet.yaml" \
    --kubeconfig="$RIG_K8S_DIR/kubelet.kubeconfig" \
    --container-runtime=remote --container-runtime-endpoint="unix://$(RIG_K8S_CTRD_DIR)/containerd.sock" \
    --runtime-request-timeout=2m --root-dir="$RIG_K8S_DIR/kubelet" --cert-dir="$RIG_K8S_DIR/kubelet/pki" \
    --hostname-override="$RIG_K8S_NODE_NAME" --node-ip="$RIG_K8S_NODE_IP" \
    --pod-infra-container-image="docker.io/$RIG_K8S_PAUSE_IMAGE" --v=1
}

rig_k8s_node_down() {
  local id ns
  rig_stop_pid k8s-kubelet kubelet 30
  if rig_pid_alive k8s-containerd containerd >/dev/null; then
    # Pods outlive a kubelet: kill their tasks, then remove the network namespaces CRI made for them
    # (their veths go with them) so nothing of this rig stays on the host.
    local netns=()
    for id in $(rig_k8s_ctr containers ls -q 2>/dev/null); do
      ns=$(rig_k8s_ctr containers info "$id" 2>/dev/null | grep -o '"/var/run/netns/cni-[0-9a-f-]*"' | head -n 1 | tr -d '"' || true)
      [[ -n "$ns" ]] && netns+=("$ns")
    done
    for id in $(rig_k8s_ctr tasks ls -q 2>/dev/null); do
      rig_k8s_ctr tasks kill -a -s SIGKILL "$id" >/dev/null 2>&1 || true
    done
    for id in $(rig_k8s_ctr tasks ls -q 2>/dev/null); do
      for ((i = 0; i < 50; i++)); do
        rig_k8s_ctr tasks delete "$id" >/dev/null 2>&1 && break
        sleep 0.1
      done
    done
    for ns in $(printf '%s\n' "${netns[@]}" | sort -u); do
      [[ -e "$ns" ]] || continue
      umount "$ns" 2>/dev/null || true
      rm -f "$ns"
    done
    # The sandboxes are gone: their address leases too (the next kubelet asks CRI for new sandboxes).
    rm -rf "$RIG_K8S_DIR/cni/ipam"
  fi
  rig_stop_pid k8s-containerd containerd 30
  rig_k8s_sysctl_restore
  rig_k8s_cgroups down
  if [[ -f "$RIG_K8S_DIR/bridge.created" ]]; then
    ip link show dev "$RIG_K8S_BRIDGE" >/dev/null 2>&1 && ip link delete dev "$RIG_K8S_BRIDGE" type bridge
    rm -f "$RIG_K8S_DIR/bridge.created"
  fi
}
