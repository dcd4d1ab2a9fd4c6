#!/usr/bin/env bash
# A real single-node Kubernetes for the Berth test rig, from Debian parts: etcd-server, the control plane and a
# kubelet built from Debian's `kubernetes` source (k8s-build.sh, cached per machine), a containerd of its own
# with the CRI plugin, and the CNI bridge plugin on a bridge this script makes. Everything listens on loopback
# (the kubelet on the node bridge: it refuses a loopback node address); pods get no default route.
#
#   scripts/rig/k8s.sh start|stop|status|env
#
# up.sh and down.sh source this file for rig_k8s_up / rig_k8s_down / rig_k8s_env (it then only defines
# functions). BERTH_RIG_K8S=0 makes up.sh skip it.
set -euo pipefail

K8S_HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=dockerd.sh
source "$K8S_HERE/dockerd.sh"
# shellcheck source-path=SCRIPTDIR source=k8s-pki.sh
source "$K8S_HERE/k8s-pki.sh"
# shellcheck source-path=SCRIPTDIR source=k8s-node.sh
source "$K8S_HERE/k8s-node.sh"

# Names, subnets and ports derive from the slot's own variables so several rigs run side by side:
# the main bridge's third octet N gives the node bridge 10.215.N.0/24 and the Service range 10.216.N.0/24;
# the registry port's offset (slot * 10) gives seven ports from 16440 + offset.
_k8s_oct3=$(cut -d. -f3 <<<"${RIG_BRIDGE_CIDR%/*}")
_k8s_off=$((${BERTH_RIG_REGISTRY_PORT:-5000} - 5000))
RIG_K8S_DIR="$RIG/k8s"
RIG_K8S_BRIDGE="${BERTH_RIG_K8S_BRIDGE:-${RIG_BRIDGE}k}"
RIG_K8S_NODE_CIDR="${BERTH_RIG_K8S_NODE_CIDR:-10.215.$_k8s_oct3.1/24}"
RIG_K8S_NODE_IP="${RIG_K8S_NODE_CIDR%/*}"
RIG_K8S_SERVICE_CIDR="${BERTH_RIG_K8S_SERVICE_CIDR:-10.216.$_k8s_oct3.0/24}"
RIG_K8S_API_PORT="${BERTH_RIG_K8S_API_PORT:-$((16440 + _k8s_off))}"
RIG_K8S_ETCD_PORT=$((RIG_K8S_API_PORT + 1))
RIG_K8S_ETCD_PEER_PORT=$((RIG_K8S_API_PORT + 2))
RIG_K8S_KUBELET_PORT=$((RIG_K8S_API_PORT + 3))
RIG_K8S_KUBELET_HEALTHZ_PORT=$((RIG_K8S_API_PORT + 4))
RIG_K8S_CM_PORT=$((RIG_K8S_API_PORT + 5))
RIG_K8S_SCHED_PORT=$((RIG_K8S_API_PORT + 6))
RIG_K8S_NODE_NAME=berth-node
RIG_K8S_SERVER="https://127.0.0.1:$RIG_K8S_API_PORT"
# The namespace the limited credential may read (and nothing else): 403 everywhere else.
RIG_K8S_LIMITED_NS=berth-limited
RIG_K8S_IMAGE="berth-test/busybox:latest"
RIG_K8S_PAUSE_IMAGE="berth-rig/pause:3.4.1"

rig_k8s_kubectl() { kubectl --kubeconfig "$RIG_K8S_DIR/admin.kubeconfig" "$@"; }
rig_k8s_port_free() { [[ -z "$(ss -Hltn "sport = :$1")" ]] || rig_die "port $1 is taken; set BERTH_RIG_K8S_API_PORT"; }

# --- control plane ------------------------------------------------------------------------------------
rig_k8s_etcd_up() {
  local pid d="$RIG_K8S_DIR/etcd"
  if pid=$(rig_pid_alive k8s-etcd etcd); then
    rig_log "k8s etcd already running (pid $pid)"
    return 0
  fi
  rig_k8s_port_free "$RIG_K8S_ETCD_PORT"
  mkdir -p "$d"
  chmod 700 "$d"
  rig_spawn k8s-etcd etcd "$d/etcd.log" etcd --name berth --data-dir "$d/data" \
    --listen-client-urls "http://127.0.0.1:$RIG_K8S_ETCD_PORT" \
    --advertise-client-urls "http://127.0.0.1:$RIG_K8S_ETCD_PORT" \
    --listen-peer-urls "http://127.0.0.1:$RIG_K8S_ETCD_PEER_PORT" \
    --initial-advertise-peer-urls "http://127.0.0.1:$RIG_K8S_ETCD_PEER_PORT" \
    --initial-cluster "berth=http://127.0.0.1:$RIG_K8S_ETCD_PEER_PORT" \
    --quota-backend-bytes 4294967296 --log-level warn
}

rig_k8s_apiserver_up() {
  local pid p="$RIG_K8S_DIR/pki"
  if pid=$(rig_pid_alive k8s-apiserver kube-apiserver); then
    rig_log "kube-apiserver already running (pid $pid)"
    return 0
  fi
  rig_k8s_port_free "$RIG_K8S_API_PORT"
  # --insecure-port=0: 1.20 still opens :8080 by default, which several rigs would fight over.
  # --kubelet-preferred-address-types=InternalIP: logs/exec go to the node's bridge address, never a DNS lookup of
  # the node's name (which would leave the machine).
  rig_spawn k8s-apiserver kube-apiserver "$RIG_K8S_DIR/apiserver.log" "$RIG_K8S_BIN/kube-apiserver" \
    --bind-address=127.0.0.1 --secure-port="$RIG_K8S_API_PORT" --insecure-port=0 \
    --advertise-address="$RIG_K8S_NODE_IP" \
    --etcd-servers="http://127.0.0.1:$RIG_K8S_ETCD_PORT" \
    --service-cluster-ip-range="$RIG_K8S_SERVICE_CIDR" \
    --authorization-mode=Node,RBAC --allow-privileged=true \
    --client-ca-file="$p/ca.crt" --tls-cert-file="$p/apiserver.crt" --tls-private-key-file="$p/apiserver.key" \
    --token-auth-file="$p/tokens.csv" \
    --kubelet-client-certificate="$p/apiserver-kubelet.crt" --kubelet-client-key="$p/apiserver-kubelet.key" \
    --kubelet-preferred-address-types=InternalIP \
    --service-account-key-file="$p/sa.pub" --service-account-signing-key-file="$p/sa.key" \
    --service-account-issuer=https://kubernetes.default.svc.cluster.local \
    --api-audiences=https://kubernetes.default.svc.cluster.local \
    --profiling=false --v=1
}

rig_k8s_wait_api() {
  local i
  for ((i = 0; i < 600; i++)); do
    rig_pid_alive k8s-apiserver kube-apiserver >/dev/null \
      || { tail -n 30 "$RIG_K8S_DIR/apiserver.log" >&2; rig_die "kube-apiserver exited"; }
    [[ "$(curl --noproxy '*' -s --cacert "$RIG_K8S_DIR/pki/ca.crt" \
      --cert "$RIG_K8S_DIR/pki/admin.crt" --key "$RIG_K8S_DIR/pki/admin.key" \
      "$RIG_K8S_SERVER/readyz" 2>/dev/null)" == ok ]] && return 0
    sleep 0.1
  done
  rig_die "kube-apiserver not ready after 60s (log: $RIG_K8S_DIR/apiserver.log)"
}

rig_k8s_controllers_up() {
  local pid p="$RIG_K8S_DIR/pki"
  if ! pid=$(rig_pid_alive k8s-controller-manager kube-controller-manager); then
    rig_k8s_port_free "$RIG_K8S_CM_PORT"
    rig_spawn k8s-controller-manager kube-controller-manager "$RIG_K8S_DIR/controller-manager.log" \
      "$RIG_K8S_BIN/kube-controller-manager" \
      --kubeconfig="$RIG_K8S_DIR/controller-manager.kubeconfig" \
      --authentication-kubeconfig="$RIG_K8S_DIR/controller-manager.kubeconfig" \
      --authorization-kubeconfig="$RIG_K8S_DIR/controller-manager.kubeconfig" \
      --bind-address=127.0.0.1 --secure-port="$RIG_K8S_CM_PORT" --port=0 \
      --service-account-private-key-file="$p/sa.key" --root-ca-file="$p/ca.crt" \
      --use-service-account-credentials=true --leader-elect=false \
      --service-cluster-ip-range="$RIG_K8S_SERVICE_CIDR" --profiling=false --v=1
  fi
  if ! pid=$(rig_pid_alive k8s-scheduler kube-scheduler); then
    rig_k8s_port_free "$RIG_K8S_SCHED_PORT"
    rig_spawn k8s-scheduler kube-scheduler "$RIG_K8S_DIR/scheduler.log" "$RIG_K8S_BIN/kube-scheduler" \
      --kubeconfig="$RIG_K8S_DIR/scheduler.kubeconfig" \
      --authentication-kubeconfig="$RIG_K8S_DIR/scheduler.kubeconfig" \
      --authorization-kubeconfig="$RIG_K8S_DIR/scheduler.kubeconfig" \
      --bind-address=127.0.0.1 --secure-port="$RIG_K8S_SCHED_PORT" --port=0 \
      --leader-elect=false --profiling=false --v=1
  fi
}

# The limited credential: may read (view) in one namespace, nothing cluster-wide. Idempotent (apply).
rig_k8s_rbac() {
  rig_k8s_kubectl apply -f - >/dev/null <<EOF
apiVersion: v1
kind: Namespace
metadata:
  name: $RIG_K8S_LIMITED_NS
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: berth-limited-view
  namespace: $RIG_K8S_LIMITED_NS
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: view
subjects:
  - apiGroup: rbac.authorization.k8s.io
    kind: User
    name: berth-limited
EOF
}

rig_k8s_wait_ready() {
  local i
  for ((i = 0; i < 1200; i++)); do
    rig_pid_alive k8s-kubelet kubelet >/dev/null \
      || { tail -n 30 "$RIG_K8S_DIR/kubelet.log" >&2; rig_die "kubelet exited"; }
    if [[ "$(rig_k8s_kubectl get node "$RIG_K8S_NODE_NAME" \
      -o 'jsonpath={.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null)" == True ]] \
      && rig_k8s_kubectl -n default get serviceaccount default >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.1
  done
  rig_die "node $RIG_K8S_NODE_NAME not Ready after 120s (log: $RIG_K8S_DIR/kubelet.log)"
}

rig_k8s_up() {
  local start=$SECONDS
  RIG_K8S_BIN=$("$K8S_HERE/k8s-build.sh")
  mkdir -p "$RIG_K8S_DIR"
  chmod 755 "$RIG_K8S_DIR"
  rig_k8s_pki
  rig_k8s_etcd_up
  rig_k8s_apiserver_up
  rig_k8s_node_prepare # bridge, cgroups, CNI config, containerd + images, while the API server starts
  rig_k8s_wait_api
  rig_k8s_controllers_up
  rig_k8s_rbac
  rig_k8s_kubelet_up
  rig_k8s_wait_ready
  rig_log "kubernetes up in $((SECONDS - start))s ($RIG_K8S_SERVER, node $RIG_K8S_NODE_NAME $RIG_K8S_NODE_IP)"
}

rig_k8s_down() {
  rig_k8s_node_down
  rig_stop_pid k8s-scheduler kube-scheduler 20
  rig_stop_pid k8s-controller-manager kube-controller-manager 20
  rig_stop_pid k8s-apiserver kube-apiserver 30
  rig_stop_pid k8s-etcd etcd 30
}

rig_k8s_env() {
  local p="$RIG_K8S_DIR/pki"
  echo "export BERTH_TEST_KUBECONFIG=$RIG_K8S_DIR/admin.kubeconfig"
  echo "export BERTH_TEST_KUBE_LIMITED_KUBECONFIG=$RIG_K8S_DIR/limited.kubeconfig"
  echo "export BERTH_TEST_KUBE_SERVER=$RIG_K8S_SERVER"
  echo "export BERTH_TEST_KUBE_CA=$p/ca.crt"
  echo "export BERTH_TEST_KUBE_TOKEN=$(cut -d, -f1 <"$p/admin.token")"
  echo "export BERTH_TEST_KUBE_LIMITED_TOKEN=$(cut -d, -f1 <"$p/limited.token")"
  echo "export BERTH_TEST_KUBE_LIMITED_NAMESPACE=$RIG_K8S_LIMITED_NS"
  echo "export BERTH_TEST_KUBE_NODE=$RIG_K8S_NODE_NAME"
  echo "export BERTH_TEST_KUBE_NODE_IP=$RIG_K8S_NODE_IP"
  echo "export BERTH_TEST_KUBE_IMAGE=$RIG_K8S_IMAGE"
  echo "export BERTH_TEST_KUBE_ETCD=http://127.0.0.1:$RIG_K8S_ETCD_PORT"
  echo "export BERTH_TEST_KUBE_CTL=$K8S_HERE/k8s.sh"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  case "${1:-}" in
    start) rig_require_root; rig_k8s_up ;;
    stop) rig_require_root; rig_k8s_down ;;
    # API server only (tests: an API server restart resumes the watches).
    restart-apiserver)
      rig_require_root
      RIG_K8S_BIN=$("$K8S_HERE/k8s-build.sh")
      rig_stop_pid k8s-apiserver kube-apiserver 30
      rig_k8s_apiserver_up
      rig_k8s_wait_api
      ;;
    status)
      for n in k8s-etcd:etcd k8s-apiserver:kube-apiserver k8s-controller-manager:kube-controller-manager \
        k8s-scheduler:kube-scheduler k8s-containerd:containerd k8s-kubelet:kubelet; do
        if pid=$(rig_pid_alive "${n%%:*}" "${n#*:}"); then echo "${n%%:*} running (pid $pid)"; else echo "${n%%:*} stopped"; fi
      done
      ;;
    env) rig_k8s_env ;;
    *) echo "usage: $0 start|stop|restart-apiserver|status|env" >&2; exit 2 ;;
  esac
fi
