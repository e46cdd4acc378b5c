#!/usr/bin/env bash
# Build speed: a small multi-step Dockerfile (COPY of a 500-file context,
# RUN steps that write, change and delete files, config steps) built cold
# (empty build cache, base layer not yet extracted) and warm (everything
# cached). Prints both times and how many RUN steps the warm build executed,
# counted from the build's own progress (`#N [k/n] RUN` not followed by
# `#N CACHED`) and cross-checked against a random stamp the first RUN writes.
# Target: the warm build executes 0 RUN steps.
#
#   bench/build.sh          (N=5 warm repetitions by default)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-5}
bash tests/setup.sh
cargo build --release --locked -q
ccr=$PWD/target/release/ccr
work=$(mktemp -d /var/tmp/ccr-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
export CCR_DATA_ROOT=$work/ccr CCR=$ccr
rootfs-tools/busybox-image.sh localhost/busybox:bench >/dev/null

ctx=$work/ctx
mkdir -p "$ctx/src"
for i in $(seq 500); do head -c 2048 /dev/urandom >"$ctx/src/file-$i.bin"; done
cat >"$ctx/Dockerfile" <<'D'
FROM localhost/busybox:bench
ARG VERSION=1
ENV APP=/app
RUN cat /proc/sys/kernel/random/uuid > /stamp
WORKDIR $APP
COPY src/ src/
RUN mkdir gen && for i in $(seq 2000); do echo $i > gen/$i; done
RUN head -c 20000000 /dev/urandom > blob && tar czf gen.tgz gen && rm -rf gen
RUN sed -i 's/root/admin/' /etc/passwd && rm /bin/vi
CMD ["ls", "/app"]
D

now() { date +%s%N; }
runs_executed() { # progress on stdin
  awk '/^#[0-9]+ \[[^]]*\] RUN/ {run[$1]=1} /^#[0-9]+ CACHED/ {delete run[$1]} END {print length(run)}'
}
t0=$(now); "$ccr" build -t bench:cold "$ctx" 2>"$work/cold.log"; t_cold=$(( ($(now) - t0) / 1000000 ))
cold_runs=$(runs_executed <"$work/cold.log")
stamp=$("$ccr" run --rm --network none bench:cold cat /stamp)

t0=$(now)
for i in $(seq "$N"); do "$ccr" build -t bench:warm "$ctx" 2>"$work/warm.log"; done
t_warm=$(( ($(now) - t0) / N / 1000000 ))
warm_runs=$(runs_executed <"$work/warm.log")
same=$([ "$("$ccr" run --rm --network none bench:warm cat /stamp)" = "$stamp" ] && echo yes || echo NO)

printf '\nccr build of a 10-instruction Dockerfile (4 RUN, 500-file COPY, 20 MB layer)\n'
printf '  cold  %6d ms   RUN steps executed: %d\n' "$t_cold" "$cold_runs"
printf '  warm  %6d ms   RUN steps executed: %d (mean of %d; first RUN not re-run: %s)\n' "$t_warm" "$warm_runs" "$N" "$same"
printf '  warm / cold = %.3f   (target: 0 RUN steps on the warm build)\n' "$(echo "$t_warm/$t_cold" | bc -l)"
[ "$warm_runs" = 0 ] && [ "$same" = yes ]
