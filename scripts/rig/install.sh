#!/usr/bin/env bash
# Installs the Debian packages the Berth test rig needs. Idempotent: does nothing when all are present.
# CI starts from a fresh Debian 12 machine where nothing installed by hand survives, so up.sh calls this.
set -euo pipefail

PACKAGES=(docker.io busybox-static docker-registry chromium postgresql apache2-utils openssl
  openssh-server curl iproute2 # curl + iproute2: used by up.sh itself, absent from minimal images
  docker-compose mmdebstrap     # the production proof: Compose reference + stand-in base images
  nginx-light)                  # the replica proof: the load balancer in front of three replicas

missing=()
for cmd in dockerd containerd docker docker-proxy busybox docker-registry chromium htpasswd openssl curl ip sshd ssh-keygen docker-compose mmdebstrap nginx; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("$cmd")
done
# The test image needs the STATIC busybox (Debian's plain `busybox` package is dynamically linked).
[[ "$(dpkg-query -W -f='${Status}' busybox-static 2>/dev/null || true)" == "install ok installed" ]] \
  || missing+=("busybox-static")
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=("postgres server (initdb)")
# The Kubernetes node (scripts/rig/k8s.sh): etcd, CNI plugins, containerd and runc (docker.io brings those two).
# The Kubernetes binaries themselves are built from Debian's source by k8s-build.sh, which installs its own
# toolchain. BERTH_RIG_K8S=0 skips both.
if [[ "${BERTH_RIG_K8S:-1}" != 0 ]]; then
  PACKAGES+=(etcd-server containernetworking-plugins)
  command -v etcd >/dev/null 2>&1 || missing+=("etcd")
  [[ -x /usr/lib/cni/bridge && -x /usr/lib/cni/host-local ]] || missing+=("containernetworking-plugins")
fi

if ((${#missing[@]} == 0)); then
  echo "[rig] install: everything present" >&2
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  echo "[rig] install: missing: ${missing[*]}" >&2
  echo "[rig] install: run as root: $0" >&2
  exit 1
fi

echo "[rig] install: missing: ${missing[*]}; installing ${PACKAGES[*]}"

# policy-rc.d exiting 101 tells invoke-rc.d / deb-systemd-invoke not to start services from postinst:
# the rig runs its own private dockerd/postgres/registry and must never start or use the system ones.
# An existing policy-rc.d is saved and put back afterwards.
POLICY=/usr/sbin/policy-rc.d
BACKUP=""
if [[ -e "$POLICY" ]]; then
  BACKUP=$(mktemp /usr/sbin/policy-rc.d.berth-rig.XXXXXX)
  cp -p "$POLICY" "$BACKUP"
fi
restore_policy() {
  if [[ -n "$BACKUP" ]]; then mv -f "$BACKUP" "$POLICY"; else rm -f "$POLICY"; fi
}
trap restore_policy EXIT
printf '#!/bin/sh\n# berth test rig: no service starts during package install\nexit 101\n' >"$POLICY"
chmod 755 "$POLICY"

export DEBIAN_FRONTEND=noninteractive
# Package lists on a fresh machine are empty or stale: update once. The lock timeout waits for an apt
# that is already running instead of failing on the dpkg lock.
apt-get -o DPkg::Lock::Timeout=600 update
apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "${PACKAGES[@]}"
echo "[rig] install: done"
