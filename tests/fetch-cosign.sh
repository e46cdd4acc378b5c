#!/usr/bin/env bash
# Fetches cosign 2.5 (Debian trixie) and 3.1 (Debian sid), and oras 1.3
# (Debian sid), for the tests, from the Debian mirror this machine's apt
# already uses, with only the suite changed, and unpacks them with dpkg -x
# under $1 (default /opt/ccr-peers): $1/cosign-trixie/usr/bin/cosign,
# $1/cosign-sid/usr/bin/cosign, $1/oras-sid/usr/bin/oras. All are static Go
# binaries that run on bookworm.
set -euo pipefail
dest=${1:-/opt/ccr-peers}
mirror=$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v security | head -1 || true)
if [ -z "$mirror" ]; then
  mirror=$(grep -hs '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list | awk '{print $2}' | grep -v security | head -1 || true)
fi
[ -n "$mirror" ] || { echo "no Debian mirror found in /etc/apt/sources.list(.d)" >&2; exit 1; }
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
for want in cosign:trixie cosign:sid oras:sid; do
  tool=${want%%:*} suite=${want#*:}
  out="$dest/$tool-$suite"
  [ -x "$out/usr/bin/$tool" ] && continue
  work=$(mktemp -d)
  mkdir -p "$work/lists/partial" "$work/cache/archives/partial"
  echo "deb [signed-by=$keyring] $mirror $suite main" >"$work/sources.list"
  apt=(-o Dir::Etc::sourcelist="$work/sources.list" -o Dir::Etc::sourceparts=-
       -o Dir::State::lists="$work/lists" -o Dir::Cache="$work/cache"
       -o APT::Get::List-Cleanup=0 -o Debug::NoDropPrivs=1)
  apt-get -qq "${apt[@]}" update
  (cd "$work" && apt-get -qq "${apt[@]}" download "$tool")
  mkdir -p "$out"
  dpkg -x "$work"/"$tool"_*.deb "$out"
  rm -rf "$work"
  "$out/usr/bin/$tool" version >/dev/null
done
