#!/usr/bin/env bash
# Confidential-VM mode's cold start against the same work outside the mode,
# in the same run. One image: busybox plus a 200 MiB layer of random data,
# encrypted (every layer) and signed with cosign, in a local docker-registry.
# Each run starts from an empty data root and runs `true`:
#   mode:  ccr --initdata F run --tee sample IMAGE true
#          (attest to the test KBS, policy and cosign key and the layers'
#          KEKs from it, pull, verify, decrypt into the mode's tmpfs, run;
#          then `destroy --all`, which is not timed)
#   plain: ccr run --verify=cosign --cosign-key K --decryption-key KEY IMAGE true
#          (the same pull, verification, decryption and run, keys from files;
#          the image encrypted for both a KBS key id and a JWE key)
# and prints the medians, their ratio, and the mode's peak memory (RSS of
# ccr itself, the tmpfs content aside). Targets: the mode costs at most 10%
# over the plain path, under 1.5 s in all, peak memory under 64 MiB.
#
#   bench/cvm.sh            (LAYER_MB=200 RUNS=5 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
LAYER_MB=${LAYER_MB:-200}
RUNS=${RUNS:-5}
bash tests/setup.sh
command -v /usr/bin/time >/dev/null || apt-get install -y -qq time >/dev/null
cargo build --release --locked -q --bin ccr --example test-kbs
ccr=$PWD/target/release/ccr
kbs_bin=$PWD/target/release/examples/test-kbs
top=$PWD

work=$(mktemp -d /var/tmp/ccr-bench.XXXXXX)
cleanup() {
  [ -n "${reg_pid:-}" ] && kill "$reg_pid" 2>/dev/null
  [ -n "${kbs_pid:-}" ] && kill "$kbs_pid" 2>/dev/null
  "$ccr" --data-root "$work/mode" --initdata "$work/initdata.toml" destroy --all >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"

. "$top/tests/start-registry.sh"
start_registry "$work/registry"
openssl genpkey -algorithm ed25519 -out admin.pem
openssl pkey -in admin.pem -pubout -out admin.pub.pem
"$kbs_bin" --admin-pubkey admin.pub.pem >kbs.out &
kbs_pid=$!
for _ in $(seq 100); do grep -q listening kbs.out 2>/dev/null && break; sleep 0.05; done
kbs_url="http://$(awk '{print $3}' kbs.out)"

# The tenant: the image, keys, the KBS provisioned, the image pushed.
export CCR_DATA_ROOT=$work/tenant
CCR=$ccr "$top/rootfs-tools/busybox-image.sh" localhost/busybox:bench >/dev/null
mkdir ctx
printf 'FROM localhost/busybox:bench\nRUN head -c %d /dev/urandom > /payload\n' "$((LAYER_MB << 20))" >ctx/Dockerfile
"$ccr" build -q -t localhost/bench:plain ctx >/dev/null
COSIGN_PASSWORD=pw "$ccr" key generate --output-key-prefix cosign >/dev/null 2>&1
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out jwe.pem 2>/dev/null
openssl pkey -in jwe.pem -pubout -out jwe.pub.pem
image=127.0.0.1:$port/bench/cvm:1
"$ccr" cvm provision --kbs-url "$kbs_url" --admin-key admin.pem --image "$image" \
  --cosign-key cosign.pub --allow-sample -o initdata.toml 2>/dev/null
"$ccr" image encrypt --kbs-url "$kbs_url" --admin-key admin.pem --tee sample \
  --recipient provider:attestation-agent:keyid=kbs:///default/image-kek/bench \
  --recipient "jwe:jwe.pub.pem" localhost/bench:plain "$image" >/dev/null 2>&1
COSIGN_PASSWORD=pw "$ccr" push -q --sign=cosign --cosign-key cosign.key "$image" >/dev/null
unset CCR_DATA_ROOT

now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
run_mode() {
  rm -rf "$work/mode"
  local t0 t; t0=$(now)
  "$ccr" --data-root "$work/mode" --initdata initdata.toml run -q --rm --network none --tee sample "$image" true
  t=$(echo "$(now) - $t0" | bc)
  "$ccr" --data-root "$work/mode" --initdata initdata.toml destroy --all >/dev/null
  echo "$t"
}
run_plain() {
  rm -rf "$work/plain"
  local t0; t0=$(now)
  "$ccr" --data-root "$work/plain" run -q --rm --network none --verify=cosign --cosign-key cosign.pub \
    --decryption-key jwe.pem "$image" true
  echo "$(now) - $t0" | bc
}
echo "warming up ..."
run_mode >/dev/null; run_plain >/dev/null
: >mode.times; : >plain.times
for _ in $(seq "$RUNS"); do
  run_mode >>mode.times
  run_plain >>plain.times
done
rm -rf "$work/mode"
/usr/bin/time -f '%M' -o mode.rss "$ccr" --data-root "$work/mode" --initdata initdata.toml \
  run -q --rm --network none --tee sample "$image" true
m=$(median <mode.times); p=$(median <plain.times)
printf '\nCold start of a %d MiB encrypted, signed image (median of %d runs each)\n' "$((LAYER_MB + 2))" "$RUNS"
printf '  CVM mode (attest, policy, keys, pull, verify, decrypt, run)   %6.3f s\n' "$m"
printf '  outside the mode (keys from files)                            %6.3f s\n' "$p"
printf '  ratio mode / plain                                            %6.3f   (target <= 1.10)\n' "$(echo "$m / $p" | bc -l)"
printf '  peak memory of ccr in the mode                                %6.1f MiB (target < 64)\n' "$(echo "$(cat mode.rss) / 1024" | bc -l)"
