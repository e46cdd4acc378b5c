#!/usr/bin/env bash
# Fetches docker-compose 2.26.1 (Debian trixie), the reference for compose
# loading (`docker-compose config` runs without a daemon), from the Debian
# mirror this machine's apt already uses with only the suite changed, and
# unpacks it with dpkg -x under $1 (default /opt/ccr-peers):
# $1/docker-compose-trixie/usr/bin/docker-compose (a static Go binary).
# With it, the reference loader's own source and test data (compose-go
# 2.9.1, golang-github-compose-spec-compose-go-dev), which the conformance
# suite reads: $1/compose-go-trixie/usr/share/gocode/src/github.com/compose-spec/compose-go/v2.
set -euo pipefail
dest=${1:-/opt/ccr-peers}
out="$dest/docker-compose-trixie"
gosrc="$dest/compose-go-trixie"
[ -x "$out/usr/bin/docker-compose" ] && [ -d "$gosrc/usr/share/gocode" ] && exit 0
mirror=$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v security | head -1 || true)
if [ -z "$mirror" ]; then
  mirror=$(grep -hs '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list | awk '{print $2}' | grep -v security | head -1 || true)
fi
[ -n "$mirror" ] || { echo "no Debian mirror found in /etc/apt/sources.list(.d)" >&2; exit 1; }
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial"
echo "deb [signed-by=$keyring] $mirror trixie main" >"$work/sources.list"
apt=(-o Dir::Etc::sourcelist="$work/sources.list" -o Dir::Etc::sourceparts=-
     -o Dir::State::lists="$work/lists" -o Dir::Cache="$work/cache"
     -o APT::Get::List-Cleanup=0 -o Debug::NoDropPrivs=1)
apt-get -qq "${apt[@]}" update
(cd "$work" && apt-get -qq "${apt[@]}" download docker-compose golang-github-compose-spec-compose-go-dev)
mkdir -p "$out" "$gosrc"
dpkg -x "$work"/docker-compose_*.deb "$out"
dpkg -x "$work"/golang-github-compose-spec-compose-go-dev_*.deb "$gosrc"
"$out/usr/bin/docker-compose" version >/dev/null
