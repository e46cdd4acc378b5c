# Sourced by workflow.sh and bench/: starts Debian's docker-registry on a free
# loopback port with its storage under $1, sets $port and $reg_pid, and waits
# until it answers. The caller kills $reg_pid when done.
start_registry() {
  local dir=$1
  mkdir -p "$dir"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  cat >"$dir/registry.yml" <<YML
version: 0.1
log: {level: error, accesslog: {disabled: true}}
storage: {filesystem: {rootdirectory: $dir/data}}
http: {addr: 127.0.0.1:$port}
YML
  docker-registry serve "$dir/registry.yml" >"$dir/registry.log" 2>&1 &
  reg_pid=$!
  for _ in $(seq 100); do
    curl -fs "http://127.0.0.1:$port/v2/" >/dev/null && return 0
    sleep 0.1
  done
  echo "docker-registry did not start; see $dir/registry.log" >&2
  return 1
}
