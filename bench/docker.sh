#!/usr/bin/env bash
# ccr against dockerd (Debian's docker.io), in the same run, on the same
# busybox image: `run --rm true`, `run -d` + `rm -f`, pull of a 256 MiB
# image plus its first run, build cold and warm, `compose up -d` and `down`
# of 5 services (docker compose 2.26.1 against dockerd), `ps -a` and
# `images` with 20 entries. dockerd runs with its own data root, exec root
# and socket, and is stopped by its pid at the end. Prints each mean and
# ccr / docker. Target: at most 0.5 on each.
#
#   bench/docker.sh          (N=10 rounds by default; MB=256 for the pull)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-10}
MB=${MB:-256}
bash tests/setup.sh >/dev/null
cargo build --release --locked -q
ccr=$PWD/target/release/ccr
compose_plugin=${CCR_PEERS:-/opt/ccr-peers}/docker-compose-trixie/usr/libexec/docker/cli-plugins/docker-compose
work=$(mktemp -d /tmp/ccrdk.XXXXXX)
export CCR_DATA_ROOT=$work/ccr CCR=$ccr
export HTTPS_PROXY=http://127.0.0.1:9 NO_PROXY=127.0.0.1,localhost,::1
export DOCKER_HOST=unix://$work/docker.sock DOCKER_CONFIG=$work/docker-config
mkdir -p "$DOCKER_CONFIG/cli-plugins" && ln -sf "$compose_plugin" "$DOCKER_CONFIG/cli-plugins/docker-compose"
docker=/usr/bin/docker

cleanup() {
  set +e
  "$ccr" rm -f $("$ccr" ps -aq) >/dev/null 2>&1
  "$ccr" network prune -f >/dev/null 2>&1
  $docker rm -f $($docker ps -aq) >/dev/null 2>&1
  [ -f "$work/docker.pid" ] && kill "$(cat "$work/docker.pid")" && sleep 3
  ip link del docker0 2>/dev/null
  [ -n "${reg_pid:-}" ] && kill "$reg_pid"
  rm -rf "$work"
}
trap cleanup EXIT

# dockerd: forwarding on first, or it sets the FORWARD policy to DROP.
sysctl -qw net.ipv4.ip_forward=1
/usr/sbin/dockerd --data-root "$work/docker" --exec-root "$work/docker-exec" \
  -H "$DOCKER_HOST" --pidfile "$work/docker.pid" --bip 172.31.254.1/24 >"$work/dockerd.log" 2>&1 &
for _ in $(seq 100); do $docker version >/dev/null 2>&1 && break; sleep 0.2; done

# The same busybox in both.
rootfs-tools/busybox-image.sh localhost/busybox:bench >/dev/null
"$ccr" save -o "$work/bb.tar" localhost/busybox:bench
$docker load -q -i "$work/bb.tar" >/dev/null
"$ccr" run --rm --network none localhost/busybox:bench true   # warm snapshots on both sides
$docker run --rm --network none localhost/busybox:bench true

now() { date +%s%N; }
ms() { echo "scale=1; $1/1000000" | bc; }
declare -A T
# time KEY SIDE COMMAND...: adds the command's time to T[KEY.SIDE].
time_it() {
  local key=$1 side=$2; shift 2
  local t0; t0=$(now)
  if ! "$@" >/dev/null 2>"$work/err"; then
    echo "$side failed: $* ($(cat "$work/err"))" >&2
    exit 1
  fi
  T[$key.$side]=$(( ${T[$key.$side]:-0} + $(now) - t0 ))
}
report() {
  local key=$1 label=$2 rounds=$3
  local c=$(( T[$key.ccr] / rounds )) d=$(( T[$key.docker] / rounds ))
  printf '  %-34s ccr %8s ms   docker %8s ms   ccr/docker = %.2f\n' "$label" "$(ms $c)" "$(ms $d)" "$(echo "$c/$d" | bc -l)"
}

# run --rm true; run -d + rm -f.
for i in $(seq "$N"); do
  time_it run ccr "$ccr" run --rm --network none localhost/busybox:bench true
  time_it run docker $docker run --rm --network none localhost/busybox:bench true
  time_it detached ccr sh -c "'$ccr' run -d --name d$i --network none localhost/busybox:bench sleep 60 && '$ccr' rm -f d$i"
  time_it detached docker sh -c "$docker run -d --name d$i --network none localhost/busybox:bench sleep 60 && $docker rm -f d$i"
done

# ps -a and images with 20 entries.
for i in $(seq 20); do
  "$ccr" create --name e$i --network none localhost/busybox:bench true >/dev/null
  $docker create --name e$i --network none localhost/busybox:bench true >/dev/null
  "$ccr" tag localhost/busybox:bench localhost/many:$i
  $docker tag localhost/busybox:bench localhost/many:$i
done
for i in $(seq "$N"); do
  time_it ps ccr "$ccr" ps -a
  time_it ps docker $docker ps -a
  time_it images ccr "$ccr" images
  time_it images docker $docker images
done
"$ccr" rm -f $("$ccr" ps -aq) >/dev/null; $docker rm -f $($docker ps -aq) >/dev/null

# build, cold (no cache, base present) and warm (everything cached).
mkdir -p "$work/ctx" && head -c $((4 << 20)) /dev/urandom >"$work/ctx/blob"
printf 'FROM localhost/busybox:bench\nRUN echo built >/built\nCOPY blob /blob\nRUN wc -c /blob >/size\n' >"$work/ctx/Dockerfile"
for i in $(seq 3); do
  "$ccr" builder prune -f >/dev/null 2>&1 || true
  $docker builder prune -af >/dev/null 2>&1 || true
  "$ccr" rmi -f localhost/built:1 >/dev/null 2>&1 || true
  $docker rmi -f localhost/built:1 >/dev/null 2>&1 || true
  time_it build_cold ccr "$ccr" build -q -t localhost/built:1 "$work/ctx"
  time_it build_cold docker $docker build -q -t localhost/built:1 "$work/ctx"
  time_it build_warm ccr "$ccr" build -q -t localhost/built:1 "$work/ctx"
  time_it build_warm docker $docker build -q -t localhost/built:1 "$work/ctx"
done

# compose up -d / down of 5 services.
mkdir -p "$work/p"
{
  echo "services:"
  for i in 1 2 3 4 5; do
    printf '  s%s:\n    image: localhost/busybox:bench\n    command: ["sleep", "600"]\n    stop_signal: SIGKILL\n' "$i"
  done
} >"$work/p/compose.yaml"
for i in $(seq 3); do
  time_it up ccr "$ccr" compose -f "$work/p/compose.yaml" up -d
  time_it up docker $docker compose -f "$work/p/compose.yaml" up -d
  time_it down ccr "$ccr" compose -f "$work/p/compose.yaml" down
  time_it down docker $docker compose -f "$work/p/compose.yaml" down
done

# Pull of a MB-MiB image from a loopback registry, and its first run.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat >"$work/registry.yml" <<EOF
version: 0.1
storage: {filesystem: {rootdirectory: $work/registry}}
http: {addr: 127.0.0.1:$port}
EOF
docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
reg_pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.1; done
mkdir -p "$work/big" && head -c $((MB << 20)) /dev/urandom >"$work/big/data"
printf 'FROM localhost/busybox:bench\nCOPY data /data\n' >"$work/big/Dockerfile"
"$ccr" build -q -t "localhost:$port/big:1" "$work/big" >/dev/null
"$ccr" push -q "localhost:$port/big:1" >/dev/null
for i in $(seq 3); do
  "$ccr" rmi -f "localhost:$port/big:1" >/dev/null 2>&1 || true
  "$ccr" image prune -af >/dev/null 2>&1 || true
  $docker rmi -f "localhost:$port/big:1" >/dev/null 2>&1 || true
  time_it pull ccr "$ccr" run --rm --network none "localhost:$port/big:1" true
  time_it pull docker $docker run --rm --network none "localhost:$port/big:1" true
done

printf '\nccr against dockerd %s, same machine, same run (target: ccr/docker <= 0.5)\n' "$($docker version -f '{{.Server.Version}}')"
report run "run --rm true" "$N"
report detached "run -d + rm -f" "$N"
report ps "ps -a (20 containers)" "$N"
report images "images (20 tags)" "$N"
report build_cold "build, cold" 3
report build_warm "build, warm" 3
report up "compose up -d (5 services)" 3
report down "compose down (5 services)" 3
report pull "pull ${MB} MiB + first run" 3
