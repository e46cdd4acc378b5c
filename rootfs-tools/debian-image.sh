#!/usr/bin/env bash
# Makes a Debian minbase image with no container registry: debootstrap from
# this machine's own Debian mirror (as configured for apt), imported with
# `ccr import` as IMAGE (default localhost/debian:SUITE).
#
#   rootfs-tools/debian-image.sh [IMAGE] [SUITE]      (SUITE defaults to this machine's)
#
# Needs: debootstrap (apt-get install debootstrap), root, ccr on PATH (or $CCR).
set -euo pipefail
. /etc/os-release
suite=${2:-${VERSION_CODENAME:-bookworm}}
image=${1:-localhost/debian:$suite}
ccr=${CCR:-ccr}
command -v debootstrap >/dev/null || { echo "debootstrap is not installed: apt-get install -y debootstrap" >&2; exit 1; }

# The mirror apt already uses: deb822 sources first, then one-line sources.
mirror=$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v security | head -1 || true)
if [ -z "$mirror" ]; then
  mirror=$(grep -hs '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list | awk '{print $2}' | grep -v security | head -1 || true)
fi
[ -n "$mirror" ] || { echo "no Debian mirror found in /etc/apt/sources.list(.d)" >&2; exit 1; }

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
debootstrap --variant=minbase "$suite" "$root" "$mirror" >&2
# What a container image does not need.
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/var/log/*.log
# Device nodes: the runtime provides /dev (layers may not carry them).
find "$root/dev" -mindepth 1 -delete
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(stat -c %Y "$root/etc/debian_version")}
tar --sort=name --mtime=@"$SOURCE_DATE_EPOCH" --numeric-owner --xattrs \
  -C "$root" -cf - . |
  "$ccr" import --change 'CMD ["bash"]' \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --message "debootstrap --variant=minbase $suite" - "$image"
