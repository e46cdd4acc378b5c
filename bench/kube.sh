#!/usr/bin/env bash
# Kubernetes, in the same run:
#  - `compose convert --kubernetes` of a 20-service project (four images
#    and the waiting init containers' one, each resolved once at a local
#    registry: warm, after a first run),
#    against `compose config` of the same project (the loading it starts
#    with). Target: convert under 200 ms.
#  - `kube play` of the converted 5-service project (busybox httpd services)
#    against `compose up -d` of the same project, each followed by its own
#    down (not timed). Target: play within 1.2x of up.
#
#   bench/kube.sh        (N=7 rounds by default; medians)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-7}
bash tests/setup.sh >/dev/null
cargo build --release --locked -q
ccr=$PWD/target/release/ccr
work=$(mktemp -d /var/tmp/ccr-bench.XXXXXX)
export CCR_DATA_ROOT=$work/ccr CCR=$ccr
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$work/reg"
cat >"$work/reg/config.yml" <<EOF
version: 0.1
storage:
  filesystem:
    rootdirectory: $work/reg/data
http:
  addr: 127.0.0.1:$port
EOF
docker-registry serve "$work/reg/config.yml" >"$work/reg/log" 2>&1 &
regpid=$!
cleanup() {
  cd /
  "$ccr" compose -f "$work/five/compose.yaml" down -t 1 >/dev/null 2>&1 || true
  "$ccr" kube play --down "$work/five.yaml" >/dev/null 2>&1 || true
  kill "$regpid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.1; done
reg=127.0.0.1:$port
rootfs-tools/busybox-image.sh localhost/busybox:bench >/dev/null
for t in a b c d; do
  "$ccr" tag localhost/busybox:bench "$reg/bench/busybox:$t"
  "$ccr" push -q "$reg/bench/busybox:$t" >/dev/null
done

# The shell stays PID 1 and ends the server on SIGTERM, as a real service would.
serve='httpd -f -p 80 -h /etc & trap "kill $!; exit 0" TERM; wait'
# 20 services: four images, ports, a healthcheck, volumes, dependencies.
mkdir -p "$work/twenty"
{
  echo "services:"
  for i in $(seq 20); do
    t=$(echo a b c d | cut -d' ' -f$(( (i - 1) % 4 + 1 )))
    printf '  s%s:\n    image: %s/bench/busybox:%s\n    command: ["sh", "-c", "sleep 3600"]\n' "$i" "$reg" "$t"
    printf '    ports: ["%s:80"]\n    volumes: ["data%s:/data"]\n' "$((20000 + i))" "$i"
    printf '    healthcheck: {test: ["CMD", "true"], interval: 1s}\n'
    [ "$i" -gt 1 ] && printf '    depends_on: {s%s: {condition: service_healthy}}\n' "$((i - 1))"
  done
  echo "volumes:"
  for i in $(seq 20); do echo "  data$i: {}"; done
} >"$work/twenty/compose.yaml"
# 5 services: the bench/compose.sh project, the image from the registry.
mkdir -p "$work/five"
{
  echo "services:"
  for i in 1 2 3 4 5; do
    printf '  s%s:\n    image: %s/bench/busybox:a\n    command: ["sh", "-c", %s]\n' "$i" "$reg" "'${serve//\$/\$\$}'"
  done
} >"$work/five/compose.yaml"
# The init containers that wait for a healthy dependency use an image of the registry too.
wait=(--wait-image "$reg/bench/busybox:a")
"$ccr" compose -f "$work/twenty/compose.yaml" convert --kubernetes "${wait[@]}" -o "$work/twenty.yaml" 2>/dev/null
"$ccr" compose -f "$work/five/compose.yaml" convert --kubernetes -o "$work/five.yaml" 2>/dev/null
# Warm: the image is local, its layer snapshot exists, the network was made once.
"$ccr" compose -f "$work/five/compose.yaml" up -d >/dev/null 2>&1
"$ccr" compose -f "$work/five/compose.yaml" down -t 1 >/dev/null 2>&1
"$ccr" kube play "$work/five.yaml" >/dev/null 2>&1
"$ccr" kube play --down "$work/five.yaml" >/dev/null 2>&1

now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ms() { echo "scale=1; $1/1000000" | bc; }
: >"$work/convert" ; : >"$work/config" ; : >"$work/play" ; : >"$work/up"
for _ in $(seq "$N"); do
  t0=$(now); "$ccr" compose -f "$work/twenty/compose.yaml" convert --kubernetes "${wait[@]}" -o "$work/out.yaml" 2>/dev/null; echo $(( $(now) - t0 )) >>"$work/convert"
  t0=$(now); "$ccr" compose -f "$work/twenty/compose.yaml" config -q; echo $(( $(now) - t0 )) >>"$work/config"
  t0=$(now); "$ccr" kube play "$work/five.yaml" >/dev/null 2>&1; echo $(( $(now) - t0 )) >>"$work/play"
  "$ccr" kube play --down "$work/five.yaml" >/dev/null 2>&1
  t0=$(now); "$ccr" compose -f "$work/five/compose.yaml" up -d >/dev/null 2>&1; echo $(( $(now) - t0 )) >>"$work/up"
  "$ccr" compose -f "$work/five/compose.yaml" down -t 1 >/dev/null 2>&1
done
convert=$(median <"$work/convert"); config=$(median <"$work/config")
play=$(median <"$work/play"); up=$(median <"$work/up")
printf '\nmedians of %d rounds\n' "$N"
printf '  compose convert --kubernetes, 20 services  %7s ms   (target < 200 ms)\n' "$(ms "$convert")"
printf '  compose config -q, the same project        %7s ms\n' "$(ms "$config")"
printf '  kube play, 5 services                      %7s ms\n' "$(ms "$play")"
printf '  compose up -d, the same 5 services         %7s ms\n' "$(ms "$up")"
printf '  play / up = %.2f   (target <= 1.2)\n' "$(echo "$play/$up" | bc -l)"
