#!/usr/bin/env bash
# Signing and verification speed: ccr against cosign 2.5 (cosign 2's .sig
# tags) and cosign 3.1 (Sigstore bundle referrers), in the same run.
#
# On a local docker-registry (no referrers API: the referrers tag schema),
# for N small images each:
#   legacy:  ccr image sign --signature-format legacy vs cosign 2.5 sign;
#            ccr image verify vs cosign 2.5 verify, of those .sig tags
#   pull:    ccr pull --verify=cosign (verify + fetch + store) vs cosign verify alone
#   bundle:  ccr image sign --signature-format bundle vs cosign 3.1 sign (offline
#            signing config); ccr image verify vs cosign 3.1 verify, of bundles
#   both:    ccr image sign (both formats, the default), and ccr image verify of
#            an image carrying both (ccr alone: no cosign reads both)
# Both tools unlock the same encrypted key (scrypt) on every sign.
# Prints mean milliseconds per operation and the ratios.
#
#   bench/sign.sh            (N=20 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-20}
bash tests/setup.sh
cargo build --release --locked -q
ccr=$PWD/target/release/ccr
cosign=${CCR_PEERS:-/opt/ccr-peers}/cosign-trixie/usr/bin/cosign
cosign3=${CCR_PEERS:-/opt/ccr-peers}/cosign-sid/usr/bin/cosign
export COSIGN_PASSWORD=bench TUF_ROOT=$(mktemp -d)

work=$(mktemp -d /var/tmp/ccr-bench.XXXXXX)
cleanup() { [ -n "${reg_pid:-}" ] && kill "$reg_pid" 2>/dev/null; rm -rf "$work" "$TUF_ROOT"; }
trap cleanup EXIT
. tests/start-registry.sh
start_registry "$work/registry"
reg=127.0.0.1:$port
export CCR_DATA_ROOT=$work/store

"$ccr" key generate --output-key-prefix "$work/k" 2>/dev/null
"$cosign3" signing-config create --no-default-fulcio --no-default-oidc --no-default-rekor \
  --no-default-tsa --out "$work/signing-config.json" >/dev/null
echo "pushing $((5 * N)) small images ..."
for i in $(seq "$N"); do
  head -c 100000 /dev/urandom >"$work/payload"
  tar -C "$work" -cf "$work/rootfs.tar" payload
  for who in ccr cosign ccrb cosign3 both; do
    "$ccr" import "$work/rootfs.tar" "$reg/bench/$who:$i" >/dev/null
    "$ccr" push -q "$reg/bench/$who:$i" >/dev/null
  done
done

now() { date +%s%N; }
per_op() { echo "scale=2; ($2 - $1) / 1000000 / $N" | bc; }  # start end → ms per op
loop() { # label command-with-{} ...
  local t0; t0=$(now)
  for i in $(seq "$N"); do "${@//\{\}/$i}" >/dev/null 2>&1 || { echo "failed: ${*//\{\}/$i}" >&2; exit 1; }; done
  per_op "$t0" "$(now)"
}
command -v bc >/dev/null || apt-get install -y -qq bc >/dev/null

sign_ccr=$(loop "$ccr" image sign --signature-format legacy --key "$work/k.key" "$reg/bench/ccr:{}")
sign_cosign=$(loop "$cosign" sign --key "$work/k.key" --tlog-upload=false --allow-http-registry -y "$reg/bench/cosign:{}")
verify_ccr=$(loop "$ccr" image verify --key "$work/k.pub" "$reg/bench/ccr:{}")
verify_cosign=$(loop "$cosign" verify --key "$work/k.pub" --insecure-ignore-tlog=true --allow-http-registry "$reg/bench/ccr:{}")
pull_ccr=$(loop "$ccr" --data-root "$work/pull-{}" pull -q --verify=cosign --cosign-key "$work/k.pub" "$reg/bench/ccr:{}")
bsign_ccr=$(loop "$ccr" image sign --signature-format bundle --key "$work/k.key" "$reg/bench/ccrb:{}")
bsign_cosign=$(loop "$cosign3" sign --key "$work/k.key" --signing-config "$work/signing-config.json" --allow-http-registry -y "$reg/bench/cosign3:{}")
bverify_ccr=$(loop "$ccr" image verify --key "$work/k.pub" "$reg/bench/ccrb:{}")
bverify_cosign=$(loop "$cosign3" verify --key "$work/k.pub" --insecure-ignore-tlog=true --allow-http-registry "$reg/bench/ccrb:{}")
both_sign=$(loop "$ccr" image sign --key "$work/k.key" "$reg/bench/both:{}")
both_verify=$(loop "$ccr" image verify --key "$work/k.pub" "$reg/bench/both:{}")

printf '\nmean per operation over %d images\n' "$N"
printf '  legacy verify: ccr %6.1f ms   cosign 2.5 %6.1f ms   ccr/cosign = %.2f (target <= 0.5)\n' \
  "$verify_ccr" "$verify_cosign" "$(echo "$verify_ccr / $verify_cosign" | bc -l)"
printf '  pull --verify (verify + fetch + store): ccr %6.1f ms   ccr/cosign-verify = %.2f\n' \
  "$pull_ccr" "$(echo "$pull_ccr / $verify_cosign" | bc -l)"
printf '  legacy sign:   ccr %6.1f ms   cosign 2.5 %6.1f ms   ccr/cosign = %.2f (target <= 1)\n' \
  "$sign_ccr" "$sign_cosign" "$(echo "$sign_ccr / $sign_cosign" | bc -l)"
printf '  bundle verify: ccr %6.1f ms   cosign 3.1 %6.1f ms   ccr/cosign = %.2f (target <= 0.5)\n' \
  "$bverify_ccr" "$bverify_cosign" "$(echo "$bverify_ccr / $bverify_cosign" | bc -l)"
printf '  bundle sign:   ccr %6.1f ms   cosign 3.1 %6.1f ms   ccr/cosign = %.2f\n' \
  "$bsign_ccr" "$bsign_cosign" "$(echo "$bsign_ccr / $bsign_cosign" | bc -l)"
printf '  both formats (the default): sign %6.1f ms, verify %6.1f ms (ccr only)\n' "$both_sign" "$both_verify"
