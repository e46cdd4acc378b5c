#!/usr/bin/env bash
# A confidential guest on this machine (`cvm up`) against today's CVM mode
# on the host, in the same run. One image: busybox plus a 200 MiB layer of
# random data, encrypted (every layer) and signed with cosign, in a local
# docker-registry; the test KBS releases policy, cosign key and KEKs to
# sample evidence. Timed, each from nothing:
#   guest: ccr cvm up --rm --tee none IMAGE echo ready
#          (qemu boots the guest image; in the guest: attest, policy, keys,
#          pull, verify, decrypt into guest RAM, run), until `ready` is
#          printed; and the guest's boot alone (qemu start to agent ready,
#          as `cvm up` reports it)
#   host:  ccr --initdata F run --rm --tee sample IMAGE echo ready
#          (the same work in today's host CVM mode)
# Prints medians, the ratio, the guest image's size and the accelerator.
# Targets: boot to agent ready <= 3 s on KVM, <= 10 s on TCG; guest image
# <= 48 MiB. Under TCG, the guest's sha256 and AES run emulated (~50 MB/s).
#
#   bench/cvm-vm.sh            (LAYER_MB=200 RUNS=3 MEMORY=1536m by default)
set -euo pipefail
cd "$(dirname "$0")/.."
LAYER_MB=${LAYER_MB:-200}
RUNS=${RUNS:-3}
MEMORY=${MEMORY:-1536m}
bash tests/setup.sh
cargo build --release --locked -q --bin ccr --example test-kbs
ccr=$PWD/target/release/ccr
kbs_bin=$PWD/target/release/examples/test-kbs
top=$PWD

work=$(mktemp -d /var/tmp/ccr-bench.XXXXXX)
cleanup() {
  [ -n "${reg_pid:-}" ] && kill "$reg_pid" 2>/dev/null
  [ -n "${kbs_pid:-}" ] && kill "$kbs_pid" 2>/dev/null
  "$ccr" --data-root "$work/host" cvm destroy bench >/dev/null 2>&1 || true
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
kbs_addr=$(awk '{print $3}' kbs.out)
kbs_url="http://$kbs_addr"

# The tenant: the image, keys, the KBS provisioned, the image pushed.
export CCR_DATA_ROOT=$work/tenant
CCR=$ccr "$top/rootfs-tools/busybox-image.sh" localhost/busybox:bench >/dev/null
mkdir ctx
printf 'FROM localhost/busybox:bench\nRUN head -c %d /dev/urandom > /payload\n' "$((LAYER_MB << 20))" >ctx/Dockerfile
"$ccr" build -q -t localhost/bench:plain ctx >/dev/null
COSIGN_PASSWORD=pw "$ccr" key generate --output-key-prefix cosign >/dev/null 2>&1
image=127.0.0.1:$port/bench/vm:1
"$ccr" cvm provision --kbs-url "$kbs_url" --admin-key admin.pem --image "$image" \
  --cosign-key cosign.pub --allow-sample -o initdata.toml 2>/dev/null
"$ccr" image encrypt --kbs-url "$kbs_url" --admin-key admin.pem --tee sample \
  --recipient provider:attestation-agent:keyid=kbs:///default/image-kek/bench \
  localhost/bench:plain "$image" >/dev/null 2>&1
COSIGN_PASSWORD=pw "$ccr" push -q --sign=cosign --cosign-key cosign.key "$image" >/dev/null
unset CCR_DATA_ROOT
rm -rf "$work/tenant"

# The guest image, with the release ccr inside.
"$ccr" --data-root "$work/host" cvm image build --debs "$work/debs" -o "$work/guest" >build.out
guest_mb=$(du -cb "$work/guest/vmlinuz" "$work/guest/initramfs.img" | awk 'END {printf "%.1f", $1 / 1048576}')

now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
# Seconds from the command's start to `ready` on its standard output.
until_ready() {
  local t0 line; t0=$(now)
  while IFS= read -r line; do
    if [ "$line" = ready ]; then echo "$(now) - $t0" | bc; fi
  done < <("$@" 2>>"$work/stderr")
}
run_guest() {
  : >"$work/stderr"
  until_ready "$ccr" --data-root "$work/host" --initdata initdata.toml cvm up --rm --name bench \
    --tee none --memory "$MEMORY" --guest-image "$work/guest" \
    --host-port "${kbs_addr##*:}" --host-port "$port" "$image" echo ready
  sed -n 's/^Guest bench ready in \([0-9.]*\) s.*/\1/p' "$work/stderr" >>boot.times
  accel=$(sed -n 's/^Guest bench ready in [0-9.]* s (\(.*\))/\1/p' "$work/stderr")
  echo "$accel" >accel
}
run_host() {
  rm -rf "$work/mode"
  until_ready "$ccr" --data-root "$work/mode" --initdata initdata.toml run -q --rm --network none \
    --tee sample "$image" echo ready
  "$ccr" --data-root "$work/mode" --initdata initdata.toml destroy --all >/dev/null
}
: >guest.times; : >host.times; : >boot.times
for _ in $(seq "$RUNS"); do
  run_guest >>guest.times
  run_host >>host.times
done
g=$(median <guest.times); h=$(median <host.times); b=$(median <boot.times)
printf '\nA %d MiB encrypted, signed image, to its first output (median of %d runs each; guest under %s)\n' \
  "$((LAYER_MB + 2))" "$RUNS" "$(cat accel)"
printf '  cvm up (boot, attest, pull, verify, decrypt in guest RAM, run)  %7.2f s\n' "$g"
printf '  host CVM mode (the same work on the host)                       %7.2f s\n' "$h"
printf '  ratio guest / host                                              %7.2f\n' "$(echo "$g / $h" | bc -l)"
printf '  guest boot to agent ready                                       %7.2f s (target <= 3 s KVM, <= 10 s TCG)\n' "$b"
printf '  guest image (vmlinuz + initramfs)                               %7.1f MiB (target <= 48)\n' "$guest_mb"
