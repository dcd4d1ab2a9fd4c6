#!/usr/bin/env bash
# Certificates, tokens and kubeconfigs of the rig's Kubernetes (sourced by k8s.sh). Made once per rig dir with
# openssl and kept: a restarted cluster keeps its identity, so a test's saved endpoint stays valid.

# cert NAME CN ORG [SANS]: a key and a certificate signed by the rig's CA (client+server usage).
rig_k8s_cert() {
  local p="$RIG_K8S_DIR/pki" name=$1 cn=$2 org=$3 sans=${4:-} subj ext
  [[ -f "$p/$name.crt" ]] && return 0
  subj="/CN=$cn"
  [[ -n "$org" ]] && subj="/O=$org$subj"
  openssl genrsa -out "$p/$name.key" 2048 2>/dev/null
  openssl req -new -key "$p/$name.key" -subj "$subj" -out "$p/$name.csr" 2>/dev/null
  ext="$p/$name.ext"
  {
    echo "basicConstraints=CA:FALSE"
    echo "keyUsage=critical,digitalSignature,keyEncipherment"
    echo "extendedKeyUsage=serverAuth,clientAuth"
    [[ -n "$sans" ]] && echo "subjectAltName=$sans"
  } >"$ext"
  openssl x509 -req -in "$p/$name.csr" -CA "$p/ca.crt" -CAkey "$p/ca.key" -CAcreateserial \
    -days 3650 -sha256 -extfile "$ext" -out "$p/$name.crt" 2>/dev/null
  rm -f "$p/$name.csr" "$ext"
  chmod 600 "$p/$name.key"
}

# kubeconfig FILE USER (cert|token) ...: a kubeconfig with the CA embedded.
rig_k8s_kubeconfig() {
  local file=$1 user=$2 kind=$3 p="$RIG_K8S_DIR/pki" cred
  if [[ "$kind" == cert ]]; then
    cred="      client-certificate-data: $(base64 -w0 <"$p/$4.crt")
      client-key-data: $(base64 -w0 <"$p/$4.key")"
  else
    cred="      token: $(cut -d, -f1 <"$p/$4.token")"
  fi
  cat >"$file.tmp" <<EOF
apiVersion: v1
kind: Config
clusters:
  - name: berth-rig
    cluster:
      server: $RIG_K8S_SERVER
      certificate-authority-data: $(base64 -w0 <"$p/ca.crt")
users:
  - name: $user
    user:
$cred
contexts:
  - name: $user@berth-rig
    context:
      cluster: berth-rig
      user: $user
current-context: $user@berth-rig
EOF
  chmod 600 "$file.tmp"
  mv -f "$file.tmp" "$file"
}

rig_k8s_pki() {
  local p="$RIG_K8S_DIR/pki" svc_ip
  mkdir -p "$p"
  chmod 700 "$p"
  if [[ ! -f "$p/ca.crt" ]]; then
    rig_log "k8s: making a CA and certificates ($p)"
    openssl genrsa -out "$p/ca.key" 2048 2>/dev/null
    openssl req -x509 -new -key "$p/ca.key" -subj "/CN=berth-rig-k8s-ca" -days 3650 -sha256 -out "$p/ca.crt" 2>/dev/null
  fi
  # The first Service address is the in-cluster `kubernetes` Service.
  svc_ip="${RIG_K8S_SERVICE_CIDR%.*}.1"
  rig_k8s_cert apiserver kube-apiserver "" \
    "IP:127.0.0.1,IP:$RIG_K8S_NODE_IP,IP:$svc_ip,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc"
  rig_k8s_cert apiserver-kubelet kube-apiserver-kubelet-client system:masters
  rig_k8s_cert admin berth-admin system:masters
  rig_k8s_cert controller-manager system:kube-controller-manager ""
  rig_k8s_cert scheduler system:kube-scheduler ""
  rig_k8s_cert kubelet "system:node:$RIG_K8S_NODE_NAME" system:nodes \
    "IP:$RIG_K8S_NODE_IP,IP:127.0.0.1,DNS:$RIG_K8S_NODE_NAME"
  if [[ ! -f "$p/sa.key" ]]; then
    openssl genrsa -out "$p/sa.key" 2048 2>/dev/null
    openssl rsa -in "$p/sa.key" -pubout -out "$p/sa.pub" 2>/dev/null
    chmod 600 "$p/sa.key"
  fi
  # Static bearer tokens: an admin one (system:masters) for the "URL + token + CA" form, and a limited one.
  local t
  for t in admin limited; do
    [[ -f "$p/$t.token" ]] || { head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$p/$t.token"; chmod 600 "$p/$t.token"; }
  done
  {
    echo "$(cat "$p/admin.token"),berth-admin-token,berth-admin-token,system:masters"
    echo "$(cat "$p/limited.token"),berth-limited,berth-limited"
  } >"$p/tokens.csv"
  chmod 600 "$p/tokens.csv"
  rig_k8s_kubeconfig "$RIG_K8S_DIR/admin.kubeconfig" berth-admin cert admin
  rig_k8s_kubeconfig "$RIG_K8S_DIR/limited.kubeconfig" berth-limited token limited
  rig_k8s_kubeconfig "$RIG_K8S_DIR/controller-manager.kubeconfig" controller-manager cert controller-manager
  rig_k8s_kubeconfig "$RIG_K8S_DIR/scheduler.kubeconfig" scheduler cert scheduler
  rig_k8s_kubeconfig "$RIG_K8S_DIR/kubelet.kubeconfig" kubelet cert kubelet
  # Tests read these as the user that runs them (the rig runs as root, tests may not).
  chmod 644 "$RIG_K8S_DIR/admin.kubeconfig" "$RIG_K8S_DIR/limited.kubeconfig" "$p/ca.crt"
  chmod 711 "$p"
  chmod 644 "$p/admin.token" "$p/limited.token"
}
