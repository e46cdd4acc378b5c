#!/usr/bin/env bash
# Container start-up: warm-image `ccr run --rm --network none IMAGE true`
# against `runc run` of the same unpacked bundle (runc's default spec also
# has a network namespace with nothing in it), in the same run.
#
# The busybox base image is made with rootfs-tools/, pulled into a ccr data
# root (so the image and its layer snapshot are warm), and exported as a
# plain runc bundle (rootfs copied from the snapshot, `runc spec`).
# Prints the mean per run and the ratio. Target: ccr no slower than runc.
#
#   bench/run.sh            (N=30 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-30}
bash tests/setup.sh
cargo build --release --locked -q
ccr=$PWD/target/release/ccr
work=$(mktemp -d /var/tmp/ccr-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
export CCR_DATA_ROOT=$work/ccr CCR=$ccr
rootfs-tools/busybox-image.sh localhost/busybox:bench >/dev/null
"$ccr" run --rm --network none localhost/busybox:bench true   # warm: the layer snapshot exists now

# The same root file system as a runc bundle.
mkdir -p "$work/bundle/rootfs"
cp -a "$CCR_DATA_ROOT"/snapshots/layers/*/. "$work/bundle/rootfs/"
(cd "$work/bundle" && runc spec && sed -i 's/"terminal": true/"terminal": false/; s/"sh"/"true"/' config.json)

now() { date +%s%N; }
t0=$(now); for i in $(seq "$N"); do "$ccr" run --rm --network none localhost/busybox:bench true; done; t_ccr=$(( ($(now) - t0) / N / 1000 ))
t0=$(now); for i in $(seq "$N"); do runc --root "$work/runc-state" run --bundle "$work/bundle" "bench-$i" >/dev/null; done; t_runc=$(( ($(now) - t0) / N / 1000 ))
printf '\nwarm `run --rm IMAGE true`, mean of %d runs\n' "$N"
printf '  ccr  %6.1f ms\n  runc %6.1f ms   (runc run of the same, already unpacked bundle)\n' "$(echo "$t_ccr/1000" | bc -l)" "$(echo "$t_runc/1000" | bc -l)"
printf '  ccr / runc = %.2f   (target <= 1)\n' "$(echo "$t_ccr/$t_runc" | bc -l)"
