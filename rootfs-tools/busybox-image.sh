#!/usr/bin/env bash
# Makes a busybox base image with no registry access: a root filesystem from
# Debian's busybox-static (one static binary plus its applet links), imported
# with `ccr import` as IMAGE (default localhost/busybox:latest).
#
#   rootfs-tools/busybox-image.sh [IMAGE] [--platform OS/ARCH]
#
# Needs: busybox-static (apt-get install busybox-static), ccr on PATH (or $CCR).
set -euo pipefail
image=${1:-localhost/busybox:latest}
shift || true
ccr=${CCR:-ccr}
bb=/bin/busybox
if ! dpkg -s busybox-static >/dev/null 2>&1; then
  echo "busybox-static is not installed: apt-get install -y busybox-static" >&2
  exit 1
fi
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,root,tmp,proc,sys,dev,var/www,home}
chmod 1777 "$root/tmp"
cp "$bb" "$root/bin/busybox"
# One link per applet, where busybox itself would install it.
for applet in $("$bb" --list-full); do
  [ "$applet" = bin/busybox ] && continue
  mkdir -p "$root/$(dirname "$applet")"
  ln -sf /bin/busybox "$root/$applet"
done
cat >"$root/etc/passwd" <<'P'
root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
P
cat >"$root/etc/group" <<'G'
root:x:0:
daemon:x:1:
nogroup:x:65534:
G
echo 'hosts: files dns' >"$root/etc/nsswitch.conf"
# Reproducible: fixed timestamps and owners in the layer.
# The package build time, which dpkg keeps as the file time.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(stat -c %Y "$bb")}
tar --sort=name --mtime=@"$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner \
  -C "$root" -cf - . |
  "$ccr" import --change 'CMD ["sh"]' --change 'ENV PATH=/usr/sbin:/usr/bin:/sbin:/bin' \
    --message "busybox-static $(dpkg-query -W -f '${Version}' busybox-static)" "$@" - "$image"
