#!/usr/bin/env bash
# Pull speed: ccr against skopeo and against the floor, in the same run.
#
# Pushes an image of four incompressible 256 MiB layers (1 GiB) to a local
# docker-registry, then times, best of $RUNS each:
#   ccr pull                                  (into an empty data root)
#   skopeo copy docker://... oci:DIR          (Debian's skopeo)
#   floor: curl each blob | tee file | openssl dgst -sha256, one after another
#          (openssl uses the CPU's SHA extensions; coreutils sha256sum does not)
# and prints the ratios, plus ccr's peak memory for a 1/4-size image and the
# full one (it must stay flat: no whole-layer buffering).
#
#   bench/pull.sh            (LAYER_MB=256 RUNS=3 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
LAYER_MB=${LAYER_MB:-256}
RUNS=${RUNS:-3}
bash tests/setup.sh
command -v /usr/bin/time >/dev/null || apt-get install -y -qq time >/dev/null
cargo build --release --locked -q
ccr=$PWD/target/release/ccr

work=$(mktemp -d /var/tmp/ccr-bench.XXXXXX)
cleanup() { [ -n "${reg_pid:-}" ] && kill "$reg_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

. tests/start-registry.sh
start_registry "$work/registry"

# An OCI layout with N uncompressed layers of random data, pushed by skopeo.
make_image() { # name layers
  local name=$1 n=$2 dir="$work/src-$1" layers="" diffs=""
  mkdir -p "$dir/blobs/sha256"
  for i in $(seq "$n"); do
    head -c "$((LAYER_MB << 20))" /dev/urandom >"$work/payload"
    tar -C "$work" -cf "$work/layer.tar" payload
    local d s
    d=$(sha256sum "$work/layer.tar" | cut -d' ' -f1); s=$(stat -c %s "$work/layer.tar")
    mv "$work/layer.tar" "$dir/blobs/sha256/$d"
    layers+="${layers:+,}{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"sha256:$d\",\"size\":$s}"
    diffs+="${diffs:+,}\"sha256:$d\""
  done
  rm -f "$work/payload"
  printf '{"architecture":"amd64","os":"linux","config":{},"rootfs":{"type":"layers","diff_ids":[%s]}}' "$diffs" >"$work/config"
  local cd cs md ms
  cd=$(sha256sum "$work/config" | cut -d' ' -f1); cs=$(stat -c %s "$work/config")
  mv "$work/config" "$dir/blobs/sha256/$cd"
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[%s]}' "$cd" "$cs" "$layers" >"$work/manifest"
  md=$(sha256sum "$work/manifest" | cut -d' ' -f1); ms=$(stat -c %s "$work/manifest")
  mv "$work/manifest" "$dir/blobs/sha256/$md"
  echo '{"imageLayoutVersion":"1.0.0"}' >"$dir/oci-layout"
  printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"1"}}]}' "$md" "$ms" >"$dir/index.json"
  skopeo copy -q --dest-tls-verify=false "oci:$dir:1" "docker://127.0.0.1:$port/bench/$name:1"
  rm -rf "$dir"
}
echo "making images ($((4 * LAYER_MB)) MiB in 4 layers, and $LAYER_MB MiB in 1) ..."
make_image big 4
make_image small 1
ref="127.0.0.1:$port/bench/big:1"

now() { date +%s.%N; }
best() { sort -g | head -1; }
time_ccr() {
  rm -rf "$work/ccr"
  local t0; t0=$(now)
  "$ccr" --data-root "$work/ccr" pull -q "$ref" >/dev/null
  echo "$(now) - $t0" | bc
}
time_skopeo() {
  rm -rf "$work/oci"
  local t0; t0=$(now)
  skopeo copy -q --src-tls-verify=false "docker://$ref" "oci:$work/oci:1" >/dev/null
  echo "$(now) - $t0" | bc
}
time_floor() {
  local manifest blobs t0
  manifest=$(curl -fs -H 'Accept: application/vnd.oci.image.manifest.v1+json' "http://127.0.0.1:$port/v2/bench/big/manifests/1")
  blobs=$(echo "$manifest" | jq -r '.config.digest, .layers[].digest')
  rm -rf "$work/floor"; mkdir -p "$work/floor"
  t0=$(now)
  for b in $blobs; do
    curl -fs "http://127.0.0.1:$port/v2/bench/big/blobs/$b" | tee "$work/floor/${b#sha256:}" | openssl dgst -sha256 >/dev/null
  done
  echo "$(now) - $t0" | bc
}
command -v bc >/dev/null || apt-get install -y -qq bc >/dev/null
declare -A t
for tool in ccr skopeo floor; do
  t[$tool]=$(for _ in $(seq "$RUNS"); do "time_$tool"; done | best)
done
rss() { # image → peak RSS in MiB of a ccr pull
  rm -rf "$work/rss"
  /usr/bin/time -f '%M' "$ccr" --data-root "$work/rss" pull -q "$1" 2>&1 >/dev/null | tail -1 | awk '{printf "%.1f", $1/1024}'
}
rss_small=$(rss "127.0.0.1:$port/bench/small:1")
rss_big=$(rss "$ref")
printf '\npull of %d MiB (4 layers), best of %d runs\n' "$((4 * LAYER_MB))" "$RUNS"
printf '  %-8s %8.3f s\n' ccr "${t[ccr]}" skopeo "${t[skopeo]}" floor "${t[floor]}"
printf '  skopeo / ccr = %.2fx   (target >= 2x)\n' "$(echo "${t[skopeo]} / ${t[ccr]}" | bc -l)"
printf '  ccr / floor  = %.2fx   (target <= 1.3x)\n' "$(echo "${t[ccr]} / ${t[floor]}" | bc -l)"
printf '  ccr peak RSS: %s MiB for %d MiB, %s MiB for %d MiB\n' "$rss_small" "$LAYER_MB" "$rss_big" "$((4 * LAYER_MB))"
