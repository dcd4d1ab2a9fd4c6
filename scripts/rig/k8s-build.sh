#!/usr/bin/env bash
# Builds the Kubernetes binaries the test rig runs (kube-apiserver, kube-controller-manager, kube-scheduler,
# kubelet and the static `pause` binary) from Debian's `kubernetes` source package with Debian's Go 1.19.
# Nothing is downloaded but Debian packages from the configured mirror.
#
# The binaries are cached OUTSIDE the checkout, keyed by version, in $BERTH_K8S_CACHE (default
# /var/cache/berth-rig/kubernetes-<version>/bin): built once per machine (~10 min on 2 cores), then reused by
# every rig and worktree. The 3 GB of source and Go build cache are removed afterwards. A lock (flock) makes a
# second run wait for the first instead of building twice.
#
#   scripts/rig/k8s-build.sh          # build if not cached; prints the bin dir on stdout
set -euo pipefail

K8S_DEB_VERSION="${BERTH_K8S_DEB_VERSION:-1.20.5+really1.20.2}"
K8S_VERSION="v${K8S_DEB_VERSION##*really}" # what /version reports: v1.20.2
CACHE_ROOT="${BERTH_K8S_CACHE_ROOT:-/var/cache/berth-rig}"
CACHE="$CACHE_ROOT/kubernetes-$K8S_DEB_VERSION"
BIN="$CACHE/bin"
BINARIES=(kube-apiserver kube-controller-manager kube-scheduler kubelet)
GO=/usr/lib/go-1.19/bin

log() { printf '[rig] k8s-build: %s\n' "$*" >&2; }
die() { printf '[rig] k8s-build: ERROR: %s\n' "$*" >&2; exit 1; }

complete() {
  local b
  for b in "${BINARIES[@]}" pause; do [[ -x "$BIN/$b" ]] || return 1; done
  [[ -f "$BIN/VERSION" && "$(cat "$BIN/VERSION")" == "$K8S_DEB_VERSION" ]]
}

if complete; then
  echo "$BIN"
  exit 0
fi
[[ $(id -u) -eq 0 ]] || die "run as root (installs packages, writes $CACHE_ROOT)"
mkdir -p "$CACHE"
exec 9>"$CACHE_ROOT/kubernetes-$K8S_DEB_VERSION.lock"
if ! flock -n 9; then
  log "another build holds the lock; waiting"
  flock 9
fi
# The other run may have finished it while we waited.
if complete; then
  echo "$BIN"
  exit 0
fi

START=$SECONDS
export DEBIAN_FRONTEND=noninteractive

# --- 1. packages and the source -------------------------------------------------------------------------
# A deb-src entry with the same mirror and keyring as the machine's own `deb` entry for bookworm main.
SRC_LIST=/etc/apt/sources.list.d/berth-rig-deb-src.sources
# Debian revisions (-1.1+deb12u1) may change; the cache key is the upstream part.
if ! apt-cache showsrc kubernetes 2>/dev/null | grep -qF "Version: $K8S_DEB_VERSION-"; then
  mirror=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  keyring=$(awk '/^Signed-By:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  cat >"$SRC_LIST" <<EOF
# berth test rig: source packages (scripts/rig/k8s-build.sh builds Kubernetes from Debian's source)
Types: deb-src
URIs: ${mirror:-http://deb.debian.org/debian}
Suites: bookworm
Components: main
Signed-By: ${keyring:-/usr/share/keyrings/debian-archive-keyring.gpg}
EOF
  log "apt-get update (deb-src added: $SRC_LIST)"
  apt-get -o DPkg::Lock::Timeout=600 update >/dev/null
fi
NEED=(golang-1.19-go rsync make gcc libc6-dev dpkg-dev golang-github-modern-go-reflect2-dev)
missing=()
for p in "${NEED[@]}"; do
  [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" == "install ok installed" ]] || missing+=("$p")
done
if ((${#missing[@]})); then
  log "installing ${missing[*]}"
  apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "${missing[@]}" >/dev/null
fi

WORK="$CACHE/work"
rm -rf "$WORK"
mkdir -p "$WORK"
cd "$WORK"
log "downloading the kubernetes $K8S_DEB_VERSION source package"
deb_full=$(apt-cache showsrc kubernetes | awk -v v="$K8S_DEB_VERSION-" '/^Version:/ && index($2, v) == 1 { print $2 }' | sort -V | tail -n 1)
[[ -n "$deb_full" ]] || die "no kubernetes $K8S_DEB_VERSION-* source package in the apt lists"
apt-get source --download-only "kubernetes=$deb_full" >/dev/null
orig=$(ls kubernetes_*.orig.tar.* | head -n 1)
[[ -n "$orig" ]] || die "no orig tarball downloaded"
# The upstream tree alone (with its vendor/); Debian's packaging patches are for Debian's own build.
mkdir src
tar -C src --strip-components=1 -xf "$orig"
cd src
[[ -f build/pause/linux/pause.c && -d vendor/github.com/modern-go/reflect2 ]] || die "unexpected source layout"

# --- 2. the reflect2 swap ---------------------------------------------------------------------------------
# The vendored reflect2 1.0.1 crashes under Go >= 1.18 (fault in UnsafeMapType.UnsafeIterate after minutes).
# Debian's 1.0.2 is API-compatible; swap the sources, leave vendor/modules.txt alone (same import path).
R2=/usr/share/gocode/src/github.com/modern-go/reflect2
[[ -f "$R2/reflect2.go" ]] || die "$R2 missing (golang-github-modern-go-reflect2-dev)"
rm -rf vendor/github.com/modern-go/reflect2
mkdir -p vendor/github.com/modern-go/reflect2
cp "$R2"/*.go vendor/github.com/modern-go/reflect2/
rm -f vendor/github.com/modern-go/reflect2/*_test.go

# --- 3. build -----------------------------------------------------------------------------------------------
# No .git in the tarball: give the version stamps directly (what `kubectl version` shows for the server).
export KUBE_GIT_VERSION="$K8S_VERSION" KUBE_GIT_TREE_STATE=clean KUBE_GIT_MAJOR=1
KUBE_GIT_MINOR=$(cut -d. -f2 <<<"${K8S_VERSION#v}")
export KUBE_GIT_MINOR
export PATH="$GO:$PATH" GOPATH="$WORK/gopath" GOCACHE="$WORK/gocache" GOTOOLCHAIN=local
# -tags must come last: a sed in hack/lib/golang.sh strips it and would swallow flags after it.
export GOFLAGS="-mod=vendor -p=2 -tags=notest"
export KUBE_BUILD_PLATFORMS=linux/amd64
what=""
for b in "${BINARIES[@]}"; do what+="cmd/$b "; done
log "make WHAT='${what% }' (cold: ~10 min on 2 cores)"
make WHAT="${what% }" >"$WORK/make.log" 2>&1 || { tail -n 40 "$WORK/make.log" >&2; die "make failed (log: $WORK/make.log)"; }

mkdir -p "$BIN.tmp"
for b in "${BINARIES[@]}"; do
  install -m 755 "_output/local/bin/linux/amd64/$b" "$BIN.tmp/$b"
done
# The pod sandbox's pause process, statically linked so the image needs nothing else.
gcc -Os -Wall -Werror -static -DVERSION="$K8S_VERSION-berth" -o "$BIN.tmp/pause" build/pause/linux/pause.c
strip "$BIN.tmp/pause" 2>/dev/null || true
echo "$K8S_DEB_VERSION" >"$BIN.tmp/VERSION"
rm -rf "$BIN"
mv "$BIN.tmp" "$BIN"

cd /
rm -rf "$WORK"
log "built in $((SECONDS - START))s: $BIN ($(du -sh "$BIN" | cut -f1))"
echo "$BIN"
