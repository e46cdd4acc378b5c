#!/usr/bin/env bash
# Layer encryption speed: `ccr image encrypt` and `ccr image decrypt` of a
# 200 MiB and a 1 GiB single-layer image (random, so gzip cannot shrink it)
# against skopeo's `copy --encryption-key` / `--decryption-key` of the same
# image (OCI layout to OCI layout) in the same run, and against the floor:
# one AES-256-CTR pass plus two SHA-256 passes over the layer (openssl).
# Targets: at least 5x faster than skopeo, within 1.5x of the floor.
#
#   bench/crypt.sh            (SIZES="200 1024" MiB by default)
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"200 1024"}
bash tests/setup.sh
cargo build --release --locked -q
ccr=$PWD/target/release/ccr
work=$(mktemp -d /var/tmp/ccr-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
export CCR_DATA_ROOT=$work/ccr
cd "$work"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out priv.pem 2>/dev/null
openssl pkey -in priv.pem -pubout -out pub.pem

now() { date +%s%N; }
# Each timed step starts with no write-back pending and a cold page cache
# (this VM's page cache is small: leftovers of one step slow the next).
settle() { sync; echo 3 >/proc/sys/vm/drop_caches 2>/dev/null || true; }
ms() { echo $(( ($(now) - $1) / 1000000 )); }
ratio() { echo "$1 $2" | awk '{printf "%.2f", $1/$2}'; }

printf '%-8s %-8s %9s %9s %9s %10s %10s\n' size op ccr skopeo floor skopeo/ccr ccr/floor
for mib in $SIZES; do
  mkdir -p "root-$mib"
  head -c "$((mib * 1024 * 1024))" /dev/urandom >"root-$mib/data"
  tar -cf "layer-$mib.tar" -C "root-$mib" data
  gzip -1 -c "layer-$mib.tar" >"layer-$mib.tar.gz"
  rm -rf "root-$mib" "layer-$mib.tar"
  "$ccr" import "layer-$mib.tar.gz" "localhost/bench:$mib" >/dev/null
  "$ccr" save -o "src-$mib.tar" "localhost/bench:$mib"
  mkdir "src-$mib" && tar -xf "src-$mib.tar" -C "src-$mib" && rm "src-$mib.tar"
  layer=$(ls -S "src-$mib"/blobs/sha256 | head -1)
  blob="src-$mib/blobs/sha256/$layer"
  sync

  settle; t=$(now); "$ccr" image encrypt --recipient jwe:pub.pem "localhost/bench:$mib" "localhost/bench:$mib-enc" >/dev/null; c_enc=$(ms "$t")
  settle; t=$(now); skopeo copy -q --encryption-key jwe:pub.pem "oci:src-$mib:$mib" "oci:enc-$mib:$mib" >/dev/null; s_enc=$(ms "$t")
  # The plaintext must really be written again: drop it from the store.
  "$ccr" rmi "localhost/bench:$mib" >/dev/null && "$ccr" image prune -f >/dev/null
  settle; t=$(now); "$ccr" image decrypt --key priv.pem "localhost/bench:$mib-enc" "localhost/bench:$mib-dec" >/dev/null; c_dec=$(ms "$t")
  settle; t=$(now); skopeo copy -q --decryption-key priv.pem "oci:enc-$mib:$mib" "oci:dec-$mib:$mib" >/dev/null; s_dec=$(ms "$t")
  # The floor: AES-256-CTR once, SHA-256 twice (the blob digest and the HMAC).
  key=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n'); iv=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
  settle; t=$(now)
  openssl enc -aes-256-ctr -K "$key" -iv "$iv" -in "$blob" -out ct.bin
  openssl dgst -sha256 "$blob" >/dev/null
  openssl dgst -sha256 -hmac "$key" ct.bin >/dev/null
  floor=$(ms "$t")
  rm -f ct.bin
  printf '%-8s %-8s %7dms %7dms %7dms %10s %10s\n' "${mib}MiB" encrypt "$c_enc" "$s_enc" "$floor" "$(ratio "$s_enc" "$c_enc")" "$(ratio "$c_enc" "$floor")"
  printf '%-8s %-8s %7dms %7dms %7dms %10s %10s\n' "${mib}MiB" decrypt "$c_dec" "$s_dec" "$floor" "$(ratio "$s_dec" "$c_dec")" "$(ratio "$c_dec" "$floor")"
  "$ccr" rmi "localhost/bench:$mib-enc" "localhost/bench:$mib-dec" >/dev/null
  rm -rf "src-$mib" "enc-$mib" "dec-$mib" "layer-$mib.tar.gz"
done
echo "targets: skopeo/ccr >= 5, ccr/floor <= 1.5"
