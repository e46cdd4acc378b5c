#!/usr/bin/env bash
# SBOM speed: `ccr sbom` against syft 1.18.1, in the same run, with the
# same package set (checked first).
#
#   minbase:  a Debian minbase image (rootfs-tools/debian-image.sh)
#   big:      minbase plus a 1 GiB layer of 40,000 files (incompressible)
#
# syft reads the image from `ccr save`'s OCI archive, as it reads any image
# that is not in a docker daemon; ccr reads its own store. "extracted" is
# ccr with the layers already unpacked (a container ran from the image, or
# it was pulled with keys): it reads the snapshots. "blobs" is ccr with
# nothing unpacked: it reads the layer blobs as streams, in one pass.
# Prints farm-bench's medians and the ratio ccr/syft (target: at most 0.1).
#
#   bench/sbom.sh            (RUNS=5 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
bash tests/setup.sh
cargo build --release --locked -q
ccr=$PWD/target/release/ccr
export SYFT_CHECK_FOR_APP_UPDATE=false

work=$(mktemp -d /var/tmp/ccr-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
export CCR_DATA_ROOT=$work/store

CCR=$ccr bash rootfs-tools/debian-image.sh localhost/bench:minbase >/dev/null 2>&1
echo "making the 1 GiB image ..."
mkdir -p "$work/big/data"
python3 - "$work/big/data" <<'PY'
import os, sys
root = sys.argv[1]
for d in range(200):
    os.makedirs(f"{root}/{d:03}", exist_ok=True)
    for f in range(200):
        with open(f"{root}/{d:03}/{f:03}.bin", "wb") as out:
            out.write(os.urandom(26843))
PY
printf 'FROM localhost/bench:minbase\nCOPY data /data\n' >"$work/big/Dockerfile"
"$ccr" build -q -t localhost/bench:big "$work/big" >/dev/null
rm -rf "$work/big"

for img in minbase big; do
  "$ccr" save -o "$work/$img.tar" "localhost/bench:$img"
  "$ccr" sbom -q -o json "localhost/bench:$img" >"$work/$img.ccr.json"
  syft -q "oci-archive:$work/$img.tar" -o json >"$work/$img.syft.json"
  python3 - "$work/$img.ccr.json" "$work/$img.syft.json" "$img" <<'PY'
import collections, json, sys
def s(p):
    return collections.Counter((a["type"], a["name"], a["version"], a["purl"]) for a in json.load(open(p))["artifacts"])
a, b = s(sys.argv[1]), s(sys.argv[2])
assert a == b, f"{sys.argv[3]}: package sets differ: only ccr {a - b}, only syft {b - a}"
print(f"{sys.argv[3]}: {sum(a.values())} packages, the same set from both")
PY
done

for img in minbase big; do
  echo
  echo "== $img, from the layer blobs (nothing extracted) =="
  rm -rf "$CCR_DATA_ROOT"/snapshots/layers/*
  farm-bench -n "$RUNS" --timeout 900 --vs "syft -q oci-archive:$work/$img.tar -o spdx-json" -- \
    "$ccr" sbom -q -o spdx-json "localhost/bench:$img"
  test -z "$(ls "$CCR_DATA_ROOT"/snapshots/layers)" || { echo "sbom extracted layers" >&2; exit 1; }
  echo
  echo "== $img, from the extracted layers (after a run) =="
  "$ccr" run --rm --network none "localhost/bench:$img" true
  farm-bench -n "$RUNS" --timeout 900 --vs "syft -q oci-archive:$work/$img.tar -o spdx-json" -- \
    "$ccr" sbom -q -o spdx-json "localhost/bench:$img"
done
