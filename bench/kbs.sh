#!/usr/bin/env bash
# KBS client latency on loopback against the test KBS (tests/test-kbs,
# testing only): `ccr kbs get-resource` of one resource (process start,
# auth, attest, one fetch) and of 21 resources in one session, so that
# each further fetch costs (t21 - t1) / 20. Process start-up alone
# (`ccr --version`) is measured too and taken out. Target: attest + one
# fetch under 20 ms.
#
#   bench/kbs.sh            (N=20 repetitions by default)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-20}
bash tests/setup.sh
cargo build --release --locked -q --bin ccr --example test-kbs
ccr=$PWD/target/release/ccr
work=$(mktemp -d /var/tmp/ccr-bench.XXXXXX)
cd "$work"
openssl genpkey -algorithm ed25519 -out admin.pem
openssl pkey -in admin.pem -pubout -out admin.pub.pem
"$OLDPWD/target/release/examples/test-kbs" --admin-pubkey admin.pub.pem >kbs.out &
kbs_pid=$!
trap 'kill $kbs_pid; rm -rf "$work"' EXIT
for _ in $(seq 100); do grep -q listening kbs.out 2>/dev/null && break; sleep 0.05; done
export CCR_KBS_URL="http://$(awk '{print $3}' kbs.out)"
head -c 32 /dev/urandom >kek
printf 'package policy\ndefault allow := false\n# DEVELOPMENT ONLY: releases to sample evidence, which proves nothing.\nallow if { input["submods"]["cpu0"]["ear.veraison.annotated-evidence"]["sample"] }\n' >allow.rego
"$ccr" kbs set-resource-policy --admin-key admin.pem allow.rego
"$ccr" kbs set-resource --admin-key admin.pem default/image-kek/1 kek 2>/dev/null
many=$(for i in $(seq 21); do printf 'kbs:///default/image-kek/1 '; done)

now() { date +%s%N; }
t0=$(now); for _ in $(seq "$N"); do "$ccr" --version >/dev/null; done; t_start=$(( ($(now) - t0) / N / 1000 ))
t0=$(now); for _ in $(seq "$N"); do "$ccr" kbs get-resource --tee sample kbs:///default/image-kek/1 >/dev/null; done; t_one=$(( ($(now) - t0) / N / 1000 ))
t0=$(now); for _ in $(seq "$N"); do "$ccr" kbs get-resource --tee sample $many >/dev/null; done; t_many=$(( ($(now) - t0) / N / 1000 ))
t0=$(now); for _ in $(seq "$N"); do "$ccr" kbs get-resource --tee sample --tee-key rsa kbs:///default/image-kek/1 >/dev/null; done; t_rsa=$(( ($(now) - t0) / N / 1000 ))
ms() { awk -v u="$1" 'BEGIN{printf "%.1f", u/1000}'; }
printf '\nKBS client on loopback, mean of %d runs (process start-up %s ms taken out)\n' "$N" "$(ms "$t_start")"
printf '  attest + 1 fetch (EC P-256 key)   %6s ms   (target < 20 ms)\n' "$(ms $((t_one - t_start)))"
printf '  attest + 1 fetch (RSA-2048 key)   %6s ms   (key generation included)\n' "$(ms $((t_rsa - t_start)))"
printf '  each further fetch, same session  %6s ms\n' "$(ms $(((t_many - t_one) / 20)))"
