#!/usr/bin/env bash
# compose up -d / down of a 5-service project (busybox httpd services on one
# network, no build, no dependencies between them) against the same five
# containers started one by one with `ccr run -d --network` and removed with
# `ccr rm -f`, in the same run. Targets: up at most 1.3x the sum of the
# single runs (independent services start in parallel), down under 1 s.
#
#   bench/compose.sh        (N=5 rounds by default)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-5}
bash tests/setup.sh >/dev/null
cargo build --release --locked -q
ccr=$PWD/target/release/ccr
work=$(mktemp -d /var/tmp/ccr-bench.XXXXXX)
trap 'cd /; "$ccr" compose -f "$work/p/compose.yaml" down -t 1 >/dev/null 2>&1 || true; "$ccr" rm -f s1 s2 s3 s4 s5 >/dev/null 2>&1 || true; "$ccr" network prune -f >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
export CCR_DATA_ROOT=$work/ccr CCR=$ccr
rootfs-tools/busybox-image.sh localhost/busybox:bench >/dev/null

# The shell stays PID 1 and ends the server on SIGTERM, as a real service would.
serve='httpd -f -p 80 -h /etc & trap "kill $!; exit 0" TERM; wait'
mkdir -p "$work/p"
{
  echo "services:"
  for i in 1 2 3 4 5; do
    printf '  s%s:\n    image: localhost/busybox:bench\n    command: ["sh", "-c", %s]\n' "$i" "'${serve//\$/\$\$}'"
  done
} >"$work/p/compose.yaml"
"$ccr" compose -f "$work/p/compose.yaml" config -q
"$ccr" network create bench >/dev/null
"$ccr" run -d --name warm --network bench localhost/busybox:bench true >/dev/null  # the layer snapshot exists now
"$ccr" rm -f warm >/dev/null

now() { date +%s%N; }
ms() { echo "scale=1; $1/1000000" | bc; }
t_up=0; t_down=0; t_runs=0; t_rms=0
for r in $(seq "$N"); do
  t0=$(now); "$ccr" compose -f "$work/p/compose.yaml" up -d 2>/dev/null; t_up=$(( t_up + $(now) - t0 ))
  t0=$(now); "$ccr" compose -f "$work/p/compose.yaml" down 2>/dev/null; t_down=$(( t_down + $(now) - t0 ))
  t0=$(now)
  for i in 1 2 3 4 5; do "$ccr" run -d --name "s$i" --network bench localhost/busybox:bench sh -c "$serve" >/dev/null; done
  t_runs=$(( t_runs + $(now) - t0 ))
  t0=$(now); "$ccr" rm -f s1 s2 s3 s4 s5 >/dev/null; t_rms=$(( t_rms + $(now) - t0 ))
done
printf '\n5 busybox httpd services, mean of %d rounds\n' "$N"
printf '  compose up -d        %7s ms\n' "$(ms $((t_up / N)))"
printf '  5 x run -d           %7s ms   (one after another)\n' "$(ms $((t_runs / N)))"
printf '  up / runs = %.2f   (target <= 1.3)\n' "$(echo "$t_up/$t_runs" | bc -l)"
printf '  compose down         %7s ms   (target < 1000 ms)\n' "$(ms $((t_down / N)))"
printf '  rm -f of the 5       %7s ms\n' "$(ms $((t_rms / N)))"
