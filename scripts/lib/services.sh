# shellcheck shell=bash
# The API and worker processes: started from the packaged Quarkus jars, one pid file and one
# log each, and judged healthy by /q/health/ready.

[[ -n "${_STT_SERVICES_SH:-}" ]] && return 0
_STT_SERVICES_SH=1

_STT_LIB_DIR="$(dirname -- "${BASH_SOURCE[0]}")"
# shellcheck source=scripts/lib/log.sh
source "$_STT_LIB_DIR/log.sh"
# shellcheck source=scripts/lib/paths.sh
source "$_STT_LIB_DIR/paths.sh"
# shellcheck source=scripts/lib/wait.sh
source "$_STT_LIB_DIR/wait.sh"
# shellcheck source=scripts/lib/process.sh
source "$_STT_LIB_DIR/process.sh"

STT_API_JAR="$STT_ROOT/src/target/quarkus-app/quarkus-run.jar"
STT_WORKER_JAR="$STT_ROOT/src-worker/target/quarkus-app/quarkus-run.jar"

stt_service_pidfile() { printf '%s/%s.pid\n' "$STT_RUN_DIR" "$1"; }
stt_service_log() { printf '%s/%s.log\n' "$STT_LOG_DIR" "$1"; }
stt_service_ready_url() { printf 'http://localhost:%s/q/health/ready\n' "$1"; }

# stt_service_alive NAME JAR — its pid file names a live java process running JAR.
stt_service_alive() {
  stt_pidfile_alive "$(stt_service_pidfile "$1")" "$2"
}

# stt_service_start NAME PORT JAR [VAR=VALUE...]
# Starts `java -jar JAR` on PORT with the extra environment, unless it already runs. The
# caller's environment (STT_*, QUARKUS_*, JAVA_TOOL_OPTIONS...) passes through unchanged.
stt_service_start() {
  local name=$1 port=$2 jar=$3
  shift 3
  local pidfile log pid
  pidfile="$(stt_service_pidfile "$name")"
  log="$(stt_service_log "$name")"
  if stt_service_alive "$name" "$jar"; then
    pid="$(stt_pid_from_file "$pidfile")"
    if stt_http_answers "$(stt_service_ready_url "$port")"; then
      stt_info "$name already running (pid $pid, port $port)"
    else
      stt_info "$name already running (pid $pid) but not answering on port $port yet"
    fi
    return 0
  fi
  if stt_port_open "$port"; then
    stt_error "port $port is taken by a process these scripts did not start; stop it or free the port for $name"
    return 1
  fi
  [[ -f "$jar" ]] || {
    stt_error "$jar is missing: build first (mvn -B -DskipTests package, or run without STT_SKIP_BUILD=1)"
    return 1
  }
  stt_info "starting $name on port $port (log: ${log#"$STT_ROOT"/})"
  # From the repo root, so a developer's .env and config/application.properties apply.
  (cd -- "$STT_ROOT" && stt_spawn "$pidfile" "$log" env QUARKUS_HTTP_PORT="$port" "$@" java -jar "$jar")
}

# Ready, or dead: either way there is no point in waiting longer.
_stt_service_ready_or_dead() {
  stt_http_ok "$2" || ! stt_service_alive "$1" "$3"
}

# stt_services_wait_ready DEADLINE_SECONDS NAME:PORT:JAR...
# Waits, with one deadline for all, until each service's readiness answers 200. On failure
# says which service and why (exited, or what readiness answered) and shows its log.
stt_services_wait_ready() {
  local timeout=$1
  shift
  local deadline=$((SECONDS + timeout)) spec name port jar url code remaining
  for spec in "$@"; do
    IFS=: read -r name port jar <<<"$spec"
    url="$(stt_service_ready_url "$port")"
    remaining=$((deadline - SECONDS))
    ((remaining < 1)) && remaining=1
    STT_WAIT_INTERVAL=1 stt_wait_until "$remaining" "$name to be ready at $url" \
      _stt_service_ready_or_dead "$name" "$url" "$jar" || true
    if stt_http_ok "$url"; then
      stt_info "$name is ready ($url)"
      continue
    fi
    if ! stt_service_alive "$name" "$jar"; then
      stt_error "$name exited before it became ready"
    else
      code="$(stt_http_code "$url")"
      stt_error "$name not ready after ${timeout}s: $url answered ${code/#000/nothing}"
    fi
    stt_log_tail "$(stt_service_log "$name")" 60
    return 1
  done
}

# stt_services_running — prints the names of the API and worker processes that are running.
stt_services_running() {
  local pidfile name jar
  for pidfile in "$STT_RUN_DIR"/api.pid "$STT_RUN_DIR"/worker-*.pid; do
    [[ -f "$pidfile" ]] || continue
    name="$(basename -- "$pidfile" .pid)"
    jar="$STT_WORKER_JAR"
    [[ "$name" == api ]] && jar="$STT_API_JAR"
    stt_service_alive "$name" "$jar" && printf '%s\n' "$name"
  done
  return 0
}

# stt_services_stop_all — stops every worker, then the API (workers first: they finish or
# hand back their chunks while the API still answers).
stt_services_stop_all() {
  local pidfile name
  for pidfile in "$STT_RUN_DIR"/worker-*.pid; do
    [[ -f "$pidfile" ]] || continue
    name="$(basename -- "$pidfile" .pid)"
    stt_stop_pidfile "$name" "$pidfile" "$STT_WORKER_JAR" 30 || stt_warn "could not stop $name"
  done
  if [[ -f "$STT_RUN_DIR/api.pid" ]]; then
    stt_stop_pidfile api "$STT_RUN_DIR/api.pid" "$STT_API_JAR" 30 || stt_warn "could not stop api"
  fi
}
