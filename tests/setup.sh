#!/usr/bin/env bash
# Installs what ccr's build and tests need on a Debian 12 machine (as root):
# the C library for libseccomp, the peers the tests prove compatibility
# with (docker-registry, skopeo, umoci, runc), the base-image tools, and
# tini (the static init `run --init` mounts into a container).
set -euo pipefail
packages=(
  build-essential pkg-config libseccomp-dev
  docker-registry apache2-utils skopeo umoci runc docker.io
  busybox-static debootstrap containernetworking-plugins iptables iproute2 tini rpm fish
  ca-certificates curl jq tar gzip openssl
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# qemu for `cvm up`'s guests. Where qemu-utils came from bookworm-backports
# (as on these machines), qemu-system must come from there too.
if ! command -v qemu-system-x86_64 >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  . /etc/os-release
  if [ "${VERSION_CODENAME:-}" = bookworm ]; then
    echo "deb http://deb.debian.org/debian bookworm-backports main" >/etc/apt/sources.list.d/ccr-backports.list
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends -t bookworm-backports qemu-system-x86 >/dev/null
  else
    apt-get install -y -qq --no-install-recommends qemu-system-x86 >/dev/null
  fi
fi
# skopeo reads /etc/containers/policy.json; Debian ships it with
# golang-github-containers-common, which skopeo depends on.
test -f /etc/containers/policy.json
# cosign 2.5 and 3.1, the peers the signing tests prove compatibility with.
bash "$(dirname "$0")/fetch-cosign.sh" "${CCR_PEERS:-/opt/ccr-peers}"
# docker-compose 2.26.1, the reference the compose loader is checked against.
bash "$(dirname "$0")/fetch-docker-compose.sh" "${CCR_PEERS:-/opt/ccr-peers}" 2>/dev/null
command -v cargo >/dev/null || { echo "cargo (Rust toolchain) is required" >&2; exit 1; }
# syft 1.18.1, the SBOM validators, and the content the SBOM tests catalogue.
bash "$(dirname "$0")/sbom-fixtures.sh" "${CCR_PEERS:-/opt/ccr-peers}"
# PyYAML (YAML 1.1, as kubectl and Go's yaml.v2 read): the compose
# conformance suite reads ccr's YAML with it. kubernetes-validate brings it.
# kubernetes-validate 1.37.0 (PyPI): the Kubernetes schemas the converted manifests are checked against, offline.
kubernetes-validate --version 2>/dev/null | grep -q '1.37.0' || {
  python3 -m pip install -q --break-system-packages kubernetes-validate==1.37.0 2>/dev/null ||
    python3 -m pip install -q kubernetes-validate==1.37.0
}
python3 -c 'import yaml' 2>/dev/null || python3 -m pip install -q --break-system-packages pyyaml
