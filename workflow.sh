#!/usr/bin/env bash
# The main workflow, end to end, on this machine: build ccr, make a busybox
# base image offline, build an application image from a Dockerfile on it
# (recording its SBOM), start a local registry, generate a cosign key pair,
# push, sign and attest the image's SBOM in one push, pull it back into a
# fresh store verifying the signature and the SBOM first, download the
# signed SBOM, regenerate one from the pulled image and compare the two,
# list it, and run it. Then the confidential-VM flow:
# provision a (test) KBS, encrypt the image for a KBS key and push it signed,
# and in CVM mode, with nothing but the initdata, pull, verify, decrypt after
# attestation and run it, upgrade it to a second version, destroy it, and
# show that no decrypted byte is left.
set -euo pipefail
cd "$(dirname "$0")"
bash tests/setup.sh
cargo build --release --locked --bin ccr --example test-kbs
export PATH="$PWD/target/release:$PATH"
work=$(mktemp -d)
cleanup() {
  [ -n "${reg_pid:-}" ] && kill "$reg_pid" 2>/dev/null
  [ -n "${kbs_pid:-}" ] && kill "$kbs_pid" 2>/dev/null
  CCR_DATA_ROOT="$work/cvm" ccr --initdata "$work/initdata.toml" destroy --all >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
. tests/start-registry.sh
start_registry "$work/registry"

echo "== build a busybox base image (no registry needed)"
export CCR_DATA_ROOT="$work/builder"
rootfs-tools/busybox-image.sh localhost/busybox:latest
image="127.0.0.1:$port/demo/hello:1"

echo "== build the application image from a Dockerfile"
mkdir -p "$work/app"
echo "Hello World" >"$work/app/message.txt"
cat >"$work/app/Dockerfile" <<'D'
FROM localhost/busybox:latest
WORKDIR /app
COPY message.txt .
RUN echo "built on $(date -u +%F)" > build-info
CMD ["cat", "/app/message.txt"]
D
ccr build --sbom -t "$image" "$work/app"

echo "== generate a cosign key pair"
export COSIGN_PASSWORD=${COSIGN_PASSWORD:-workflow-demo}
ccr key generate --output-key-prefix "$work/cosign"

echo "== push it to the local registry, sign it, and attest its SBOM (recorded by build --sbom)"
ccr push --sign=cosign --cosign-key "$work/cosign.key" --attest-sbom "$image"

echo "== pull it into a fresh store, verifying the signature and the SBOM first (as a CVM guest would)"
export CCR_DATA_ROOT="$work/guest"
ccr pull --verify=cosign --cosign-key "$work/cosign.pub" --verify-sbom "$image"
ccr image verify --key "$work/cosign.pub" "$image"
ccr image verify-attestation --key "$work/cosign.pub" --type spdxjson "$image" >/dev/null

echo "== the signed SBOM against one regenerated from the pulled image"
ccr image download sbom --key "$work/cosign.pub" "$image" >"$work/attested.spdx.json"
ccr sbom -o spdx-json --file "$work/fresh.spdx.json" "$image"
ccr sbom diff "$work/attested.spdx.json" "$work/fresh.spdx.json" && echo "no package differs"
ccr sbom "$image"

echo "== run it"
ccr run --rm "$image"
ccr run --rm "$image" sh -c 'echo "hello from $(hostname) in a ccr container"; cat /app/build-info'


echo "== list"
ccr images --digests

echo "== confidential-VM mode: a Key Broker Service (the test KBS: for testing only)"
openssl genpkey -algorithm ed25519 -out "$work/admin.pem"
openssl pkey -in "$work/admin.pem" -pubout -out "$work/admin.pub.pem"
target/release/examples/test-kbs --admin-pubkey "$work/admin.pub.pem" >"$work/kbs.out" &
kbs_pid=$!
for _ in $(seq 100); do grep -q listening "$work/kbs.out" 2>/dev/null && break; sleep 0.05; done
kbs_url="http://$(awk '{print $3}' "$work/kbs.out")"

echo "== provision it: cosign key, image policy, resource policy; write the guest's initdata"
export CCR_DATA_ROOT="$work/builder"
v1="127.0.0.1:$port/demo/secret:1"
v2="127.0.0.1:$port/demo/secret:2"
# No TEE on this machine: the guest attests with sample evidence, which only
# --allow-sample lets the resource policy accept.
ccr cvm provision --kbs-url "$kbs_url" --admin-key "$work/admin.pem" --image "$v1" \
  --cosign-key "$work/cosign.pub" --allow-sample -o "$work/initdata.toml"

echo "== encrypt two versions, each for its own KBS key (registered in the KBS), push them signed"
marker="secret-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
for v in 1 2; do
  mkdir -p "$work/secret$v"
  echo "$marker version $v" >"$work/secret$v/secret.txt"
  # It prints its version, not the secret: the search below is for the
  # secret's bytes, and this script's own output may be in /tmp too.
  printf 'FROM localhost/busybox:latest\nCOPY secret.txt /\nCMD ["cut", "-d", " ", "-f2-", "/secret.txt"]\n' >"$work/secret$v/Dockerfile"
  ccr build -q --sbom -t "localhost/secret:$v" "$work/secret$v" >/dev/null
  ccr image encrypt --kbs-url "$kbs_url" --admin-key "$work/admin.pem" --tee sample \
    --recipient "provider:attestation-agent:keyid=kbs:///default/image-kek/secret-$v" \
    "localhost/secret:$v" "127.0.0.1:$port/demo/secret:$v"
  # The SBOM of the plaintext content, attested to the encrypted image.
  ccr push -q --sign=cosign --cosign-key "$work/cosign.key" --attest-sbom "127.0.0.1:$port/demo/secret:$v"
done
rm -rf "$work/builder" "$work/secret1" "$work/secret2"

echo "== in CVM mode, nothing but the initdata: attest, policy and keys from the KBS, pull, verify (signature and SBOM), decrypt in memory, run"
export CCR_DATA_ROOT="$work/cvm"
cvm() { ccr --initdata "$work/initdata.toml" "$@"; }
cvm cvm status
cvm run --rm --tee sample --verify-sbom --network none "$v1"

echo "== upgrade a running container to version 2"
cvm run -d --name secret --tee sample --network none "$v1" sh -c 'cut -d" " -f2- /secret.txt; sleep 600' >/dev/null
cvm upgrade --tee sample --ready-after 1 secret "$v2" sh -c 'cut -d" " -f2- /secret.txt; sleep 600'
sleep 0.5
cvm logs secret

echo "== destroy it, and look for the secret everywhere"
cvm destroy --all
if grep -rqs --binary-files=text "$marker" "$work" /run /tmp 2>/dev/null; then
  echo "decrypted content survived:" >&2
  grep -rls --binary-files=text "$marker" "$work" /run /tmp >&2
  exit 1
fi
echo "no decrypted byte is left (data root, /run, /tmp searched)"
