#!/usr/bin/env bash
# The main workflow, end to end, on this machine: build ccr, make a busybox
# base image offline, build an application image from a Dockerfile on it,
# start a local registry, generate a cosign key pair,
# push and sign the image, pull it back into a fresh store verifying the
# signature first, list it, and run it.
set -euo pipefail
cd "$(dirname "$0")"
bash tests/setup.sh
cargo build --release --locked
export PATH="$PWD/target/release:$PATH"
work=$(mktemp -d)
cleanup() { [ -n "${reg_pid:-}" ] && kill "$reg_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
. tests/start-registry.sh
start_registry "$work/registry"

echo "== build a busybox base image (no registry needed)"
export CCR_DATA_ROOT="$work/builder"
rootfs-tools/busybox-image.sh localhost/busybox:latest
image="127.0.0.1:$port/demo/hello:1"

echo "== build the application image from a Dockerfile"
mkdir -p "$work/app"
echo "Hello World" >"$work/app/message.txt"
cat >"$work/app/Dockerfile" <<'D'
FROM localhost/busybox:latest
WORKDIR /app
COPY message.txt .
RUN echo "built on $(date -u +%F)" > build-info
CMD ["cat", "/app/message.txt"]
D
ccr build -t "$image" "$work/app"

echo "== generate a cosign key pair"
export COSIGN_PASSWORD=${COSIGN_PASSWORD:-workflow-demo}
ccr key generate --output-key-prefix "$work/cosign"

echo "== push it to the local registry and sign it"
ccr push --sign=cosign --cosign-key "$work/cosign.key" "$image"

echo "== pull it into a fresh store, verifying the signature first (as a CVM guest would)"
export CCR_DATA_ROOT="$work/guest"
ccr pull --verify=cosign --cosign-key "$work/cosign.pub" "$image"
ccr image verify --key "$work/cosign.pub" "$image"

echo "== run it"
ccr run --rm "$image"
ccr run --rm "$image" sh -c 'echo "hello from $(hostname) in a ccr container"; cat /app/build-info'


echo "== list"
ccr images --digests
