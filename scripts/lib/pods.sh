# shellcheck shell=bash
# Pods on this machine with podman, the way scripts/test-deploy.sh runs the chart's workloads:
# - podman's configuration, storage and state of its own under .local/deploy/podman (nothing in
#   /etc/containers or /var/lib/containers is used), through CONTAINERS_CONF and CONTAINERS_STORAGE_CONF;
# - a network namespace of their own, loopback only, made by a holder process (unshare --net), in which
#   127.0.0.1:5432, :6379 and :9000 are relayed to the local stack on the host's loopback through Unix
#   sockets (socat), and the API's port is relayed back out to 127.0.0.1:STT_DEPLOY_API_PORT;
# - the kubelet's part that podman 4.3 leaves out: probing the containers on the paths and ports the
#   chart declares;
# - teardown of all of it: pods, containers, secrets, volumes, relays, the namespace, mounts.

[[ -n "${_STT_PODS_SH:-}" ]] && return 0
_STT_PODS_SH=1

_STT_LIB_DIR="$(dirname -- "${BASH_SOURCE[0]}")"
# shellcheck source=scripts/lib/log.sh
source "$_STT_LIB_DIR/log.sh"
# shellcheck source=scripts/lib/paths.sh
source "$_STT_LIB_DIR/paths.sh"
# shellcheck source=scripts/lib/wait.sh
source "$_STT_LIB_DIR/wait.sh"
# shellcheck source=scripts/lib/process.sh
source "$_STT_LIB_DIR/process.sh"

STT_DEPLOY_DIR="$STT_LOCAL_DIR/deploy"
STT_PODMAN_DIR="$STT_DEPLOY_DIR/podman"
STT_PODS_RUN_DIR="$STT_DEPLOY_DIR/run"
STT_PODS_HOLDER_PIDFILE="$STT_PODS_RUN_DIR/netns-holder.pid"
# Unix socket paths are limited to 107 bytes: the relays' sockets live in a short directory under /tmp.
STT_PODS_SOCKET_DIR=""

# What these scripts need to run pods: podman (runc as its runtime, catatonit for the pods' pause
# process), socat for the relays, iproute2 for the namespace's loopback.
# shellcheck disable=SC2034 # read by scripts/test-deploy.sh
STT_PODS_PACKAGES=(podman runc catatonit socat iproute2)

# stt_pods_configure — podman's configuration of its own; exports CONTAINERS_CONF and CONTAINERS_STORAGE_CONF.
stt_pods_configure() {
  mkdir -p -- "$STT_PODMAN_DIR"/{storage,run,tmp,networks} "$STT_PODS_RUN_DIR"
  cat >"$STT_PODMAN_DIR/containers.conf" <<CONF
# Written by scripts/lib/pods.sh on every run; edit that script instead.
[containers]
# Podman's default asks for more open files than some sandboxes allow (runc then fails to start anything).
default_ulimits = ["nofile=20000:20000", "nproc=4096:4096"]

[engine]
# Debian's crun refuses hosts with a hybrid cgroup v1 layout; runc runs on both layouts.
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
tmp_dir = "$STT_PODMAN_DIR/tmp"

[network]
network_config_dir = "$STT_PODMAN_DIR/networks"
CONF
  cat >"$STT_PODMAN_DIR/storage.conf" <<CONF
# Written by scripts/lib/pods.sh on every run; edit that script instead.
[storage]
driver = "${STT_PODMAN_STORAGE_DRIVER:-overlay}"
graphroot = "$STT_PODMAN_DIR/storage"
runroot = "$STT_PODMAN_DIR/run"
CONF
  export CONTAINERS_CONF="$STT_PODMAN_DIR/containers.conf"
  export CONTAINERS_STORAGE_CONF="$STT_PODMAN_DIR/storage.conf"
}

_stt_pods_netns() {
  local pid
  pid="$(stt_pid_from_file "$STT_PODS_HOLDER_PIDFILE")"
  [[ -n "$pid" ]] && printf '/proc/%s/ns/net\n' "$pid"
}

# stt_pods_in_netns COMMAND [ARGS...] — runs a host command inside the pods' network namespace.
stt_pods_in_netns() {
  nsenter --net="$(_stt_pods_netns)" "$@"
}

_stt_pods_relay_pidfile() { printf '%s/relay-%s.pid\n' "$STT_PODS_RUN_DIR" "$1"; }

# _stt_pods_relay NAME FROM TO [netns] — socat from one address to another, in the namespace or on the host.
_stt_pods_relay() {
  local name=$1 from=$2 to=$3 where=${4:-host}
  local command=(socat "$from" "$to")
  [[ "$where" == netns ]] && command=(nsenter --net="$(_stt_pods_netns)" "${command[@]}")
  stt_spawn "$(_stt_pods_relay_pidfile "$name")" "$STT_LOG_DIR/deploy-relay-$name.log" "${command[@]}"
}

# stt_pods_network_up NAME:INNER_PORT:HOST_PORT... — the namespace, with each host port relayed into it.
stt_pods_network_up() {
  STT_PODS_SOCKET_DIR="$(mktemp -d /tmp/stt-pods.XXXXXX)"
  stt_info "network namespace for the pods (loopback only), relays in $STT_PODS_SOCKET_DIR"
  stt_spawn "$STT_PODS_HOLDER_PIDFILE" "$STT_LOG_DIR/deploy-netns.log" unshare --net sleep infinity || return 1
  stt_pods_in_netns ip link set lo up || return 1
  local spec name inner outer socket
  for spec in "$@"; do
    IFS=: read -r name inner outer <<<"$spec"
    socket="$STT_PODS_SOCKET_DIR/$name.sock"
    _stt_pods_relay "$name-host" "UNIX-LISTEN:$socket,fork,unlink-early,mode=600" "TCP:127.0.0.1:$outer" || return 1
    STT_WAIT_INTERVAL=0.1 stt_wait_until 10 "relay socket $socket" test -S "$socket" || return 1
    _stt_pods_relay "$name-pods" "TCP-LISTEN:$inner,bind=127.0.0.1,fork,reuseaddr" "UNIX-CONNECT:$socket" netns || return 1
    STT_WAIT_INTERVAL=0.1 stt_wait_until 10 "the relay of $name on port $inner" _stt_pods_netns_listens "$inner" || return 1
  done
}

_stt_pods_netns_listens() {
  [[ -n "$(stt_pods_in_netns ss -Hltn "sport = :$1" 2>/dev/null)" ]]
}

# stt_pods_publish NAME INNER_PORT HOST_PORT — a port inside the namespace reachable on the host's 127.0.0.1.
stt_pods_publish() {
  local name=$1 inner=$2 outer=$3 socket="$STT_PODS_SOCKET_DIR/$1.sock"
  if stt_port_open "$outer"; then
    stt_error "port $outer is taken on this machine; choose another with STT_DEPLOY_API_PORT"
    return 1
  fi
  _stt_pods_relay "$name-pods" "UNIX-LISTEN:$socket,fork,unlink-early,mode=600" "TCP:127.0.0.1:$inner" netns || return 1
  STT_WAIT_INTERVAL=0.1 stt_wait_until 10 "relay socket $socket" test -S "$socket" || return 1
  _stt_pods_relay "$name-host" "TCP-LISTEN:$outer,bind=127.0.0.1,fork,reuseaddr" "UNIX-CONNECT:$socket" || return 1
  STT_WAIT_INTERVAL=0.1 stt_wait_until 10 "127.0.0.1:$outer" stt_port_open "$outer"
}

# stt_pods_play SECRETS_DIR PLAY_YAML — podman secrets from SECRETS_DIR/NAME.json, then the pods, in the namespace.
stt_pods_play() {
  local secrets=$1 play=$2 file
  for file in "$secrets"/*.json; do
    [[ -e "$file" ]] || continue
    podman secret create "$(basename -- "$file" .json)" "$file" >/dev/null || return 1
  done
  stt_pods_in_netns podman kube play "$play" >"$STT_LOG_DIR/deploy-kube-play.log" 2>&1 || {
    stt_error "podman kube play failed"
    stt_log_tail "$STT_LOG_DIR/deploy-kube-play.log"
    return 1
  }
}

# stt_pods_http PORT PATH [TIMEOUT] — GET http://127.0.0.1:PORT/PATH inside the namespace; prints the status
# (000 when nothing answers). stt_pods_last_body shows what came back.
stt_pods_http() {
  local port=$1 path=$2 timeout=${3:-3}
  stt_pods_in_netns curl -s -o "$STT_PODS_RUN_DIR/last-response" --max-time "$timeout" -w '%{http_code}' \
    -- "http://127.0.0.1:$port$path" 2>/dev/null || true
}

stt_pods_last_body() {
  cat -- "$STT_PODS_RUN_DIR/last-response" 2>/dev/null || true
}

# stt_pods_listening PID — the TCP ports a container's process listens on, one per line.
stt_pods_listening() {
  stt_pods_in_netns ss -Hltnp 2>/dev/null | awk -v pid="pid=$1," 'index($0, pid) { n = split($4, a, ":"); print a[n] }' | sort -un
}

_stt_pods_remove_all() {
  # Each step may find nothing to remove, which podman reports as a failure.
  local play=$1 name
  if [[ -f "$play" ]]; then
    podman kube down "$play" >/dev/null 2>&1 || true
  fi
  podman pod rm --force --all >/dev/null 2>&1 || true
  podman rm --force --all >/dev/null 2>&1 || true
  while IFS= read -r name; do
    if [[ -n "$name" ]]; then
      podman secret rm "$name" >/dev/null 2>&1 || true
    fi
  done < <(podman secret ls --format '{{.Name}}' 2>/dev/null)
  podman volume prune --force >/dev/null 2>&1 || true
}

# What the process of a pid file runs: the holder sleeps, the relays are socat.
_stt_pods_pidfile_pattern() {
  if [[ "$1" == "$STT_PODS_HOLDER_PIDFILE" ]]; then echo "sleep infinity"; else echo socat; fi
}

# stt_pods_down PLAY_YAML — removes every pod, container, secret and volume of this storage, stops the relays
# and the namespace, and unmounts whatever podman left mounted under .local/deploy/podman. Safe to run twice.
stt_pods_down() {
  local play=$1 pidfile mount
  if [[ -n "${CONTAINERS_CONF:-}" ]] && command -v podman >/dev/null 2>&1; then
    _stt_pods_remove_all "$play"
  fi
  for pidfile in "$STT_PODS_RUN_DIR"/relay-*.pid "$STT_PODS_HOLDER_PIDFILE"; do
    if [[ -e "$pidfile" ]]; then
      stt_stop_pidfile "$(basename -- "$pidfile" .pid)" "$pidfile" "$(_stt_pods_pidfile_pattern "$pidfile")" 5 >/dev/null ||
        stt_warn "could not stop $(basename -- "$pidfile" .pid)"
    fi
  done
  if [[ -n "$STT_PODS_SOCKET_DIR" && -d "$STT_PODS_SOCKET_DIR" ]]; then
    rm -rf -- "$STT_PODS_SOCKET_DIR"
  fi
  # Deepest first, so a mount inside another one goes before it.
  while IFS= read -r mount; do
    umount -- "$mount" 2>/dev/null || umount --lazy -- "$mount" 2>/dev/null || stt_warn "could not unmount $mount"
  done < <(findmnt -rn -o TARGET | awk -v dir="$STT_PODMAN_DIR/" 'index($0, dir) == 1' | sort -r)
  return 0
}

# Paths outside .local that podman creates whatever its settings: its blob cache (/var/lib/containers/cache)
# and the CNI lock file. Removed after the run when they were not there before it.
STT_PODS_HOST_PATHS=(/var/lib/containers /etc/cni/net.d/cni.lock /run/containers /run/libpod)
_STT_PODS_NEW_HOST_PATHS=()

stt_pods_note_host_paths() {
  local path
  _STT_PODS_NEW_HOST_PATHS=()
  for path in "${STT_PODS_HOST_PATHS[@]}"; do
    [[ -e "$path" ]] || _STT_PODS_NEW_HOST_PATHS+=("$path")
  done
}

stt_pods_remove_new_host_paths() {
  local path
  for path in "${_STT_PODS_NEW_HOST_PATHS[@]}"; do
    if [[ -e "$path" ]]; then
      rm -rf --one-file-system -- "$path"
    fi
  done
  return 0
}

# stt_pods_leftovers — what is still there after stt_pods_down (empty when the machine is as it was).
stt_pods_leftovers() {
  local what
  [[ -n "${CONTAINERS_CONF:-}" ]] || return 0
  what="$(podman ps --all --format '{{.Names}}' 2>/dev/null)"
  [[ -n "$what" ]] && printf 'containers: %s\n' "$(tr '\n' ' ' <<<"$what")"
  what="$(podman pod ps --format '{{.Name}}' 2>/dev/null)"
  [[ -n "$what" ]] && printf 'pods: %s\n' "$(tr '\n' ' ' <<<"$what")"
  what="$(podman secret ls --format '{{.Name}}' 2>/dev/null)"
  [[ -n "$what" ]] && printf 'secrets: %s\n' "$(tr '\n' ' ' <<<"$what")"
  what="$(podman volume ls --format '{{.Name}}' 2>/dev/null)"
  [[ -n "$what" ]] && printf 'volumes: %s\n' "$(tr '\n' ' ' <<<"$what")"
  what="$(findmnt -rn -o TARGET | awk -v dir="$STT_PODMAN_DIR/" 'index($0, dir) == 1')"
  [[ -n "$what" ]] && printf 'mounts: %s\n' "$(tr '\n' ' ' <<<"$what")"
  local pidfile
  for pidfile in "$STT_PODS_HOLDER_PIDFILE" "$STT_PODS_RUN_DIR"/relay-*.pid; do
    [[ -e "$pidfile" ]] && printf 'process: %s\n' "$(basename -- "$pidfile" .pid)"
  done
  return 0
}
