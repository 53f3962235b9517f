#!/usr/bin/env bash
# Runs the whole service on this machine: PostgreSQL, Redis, S3Proxy, the API on :8080 and
# STT_WORKERS workers on :8081, :8082, ... Safe to run again: what runs is left alone.
#
#   scripts/run-local.sh          start (or complete) the local stack
#   scripts/run-local.sh status   show what runs
#   scripts/run-local.sh down     stop what this script started
#
# Environment: STT_WORKERS (1), STT_SKIP_BUILD=1 (use the jars as built), STT_READY_TIMEOUT
# (180 seconds), STT_API_PORT (8080), STT_WORKER_BASE_PORT (8081); STT_PG_PORT (5432),
# STT_REDIS_PORT (6379), STT_S3_PORT (9000), STT_PG_DATA_DIR (a cluster of its own instead of
# the Debian one) and STT_LOCAL_DIR (.local) for a second stack; every other STT_* and
# QUARKUS_* variable reaches both services unchanged.
set -euo pipefail

LIB="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)/lib"
# shellcheck source=scripts/lib/stack.sh
source "$LIB/stack.sh"
# shellcheck source=scripts/lib/services.sh
source "$LIB/services.sh"

API_PORT="${STT_API_PORT:-8080}"
WORKER_BASE_PORT="${STT_WORKER_BASE_PORT:-8081}"
WORKERS="${STT_WORKERS:-1}"
READY_TIMEOUT="${STT_READY_TIMEOUT:-180}"

usage() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"
}

check_number() {
  if ! [[ "$2" =~ ^[0-9]+$ ]] || (($2 < $3)); then
    stt_die "$1 must be a whole number >= $3 (got '$2')"
  fi
}

build() {
  if [[ "${STT_SKIP_BUILD:-0}" == 1 ]]; then
    stt_info "STT_SKIP_BUILD=1: using the jars already built"
    return 0
  fi
  local running
  running="$(stt_services_running | tr '\n' ' ')"
  if [[ -n "$running" ]]; then
    # Rebuilding would replace the jars under running JVMs.
    stt_info "not rebuilding while ${running% } run; 'scripts/run-local.sh down' first to pick up code changes"
    return 0
  fi
  stt_info "building the services (mvn -B -q -DskipTests package)"
  (cd -- "$STT_ROOT" && mvn -B -q -DskipTests package) || stt_die "the build failed (see the Maven output above)"
}

up() {
  check_number STT_WORKERS "$WORKERS" 1
  check_number STT_READY_TIMEOUT "$READY_TIMEOUT" 1
  check_number STT_API_PORT "$API_PORT" 1
  check_number STT_WORKER_BASE_PORT "$WORKER_BASE_PORT" 1

  stt_infra_up runtime || stt_die "the local infrastructure could not be started"
  build

  # The services find the infrastructure where these scripts put it (other ports with STT_PG_PORT,
  # STT_REDIS_PORT, STT_S3_PORT), unless told otherwise.
  export QUARKUS_DATASOURCE_REACTIVE_URL="${QUARKUS_DATASOURCE_REACTIVE_URL:-postgresql://$STT_PG_HOST:$STT_PG_PORT/stt}"
  export QUARKUS_DATASOURCE_JDBC_URL="${QUARKUS_DATASOURCE_JDBC_URL:-jdbc:postgresql://$STT_PG_HOST:$STT_PG_PORT/stt}"
  export QUARKUS_REDIS_HOSTS="${QUARKUS_REDIS_HOSTS:-redis://$STT_REDIS_HOST:$STT_REDIS_PORT}"
  export QUARKUS_S3_ENDPOINT_OVERRIDE="${QUARKUS_S3_ENDPOINT_OVERRIDE:-$STT_S3_ENDPOINT}"

  local specs=("api:$API_PORT:$STT_API_JAR") i port
  stt_service_start api "$API_PORT" "$STT_API_JAR" || stt_die "could not start the API"
  for ((i = 1; i <= WORKERS; i++)); do
    port=$((WORKER_BASE_PORT + i - 1))
    stt_service_start "worker-$i" "$port" "$STT_WORKER_JAR" STT_WORKER_ID="worker-$i" ||
      stt_die "could not start worker-$i"
    specs+=("worker-$i:$port:$STT_WORKER_JAR")
  done
  stt_services_wait_ready "$READY_TIMEOUT" "${specs[@]}" ||
    stt_die "the local stack did not become ready ('scripts/run-local.sh down' stops it)"

  local extra
  extra="$(stt_services_running | grep -vxE "api|$(seq -s'|' -f 'worker-%g' 1 "$WORKERS")" | tr '\n' ' ' || true)"
  [[ -z "$extra" ]] || stt_info "also running from an earlier start: ${extra% }"

  cat <<USAGE

STT service is running.
  API       http://localhost:$API_PORT  (web UI at /, OpenAPI at /q/openapi)
  workers   $WORKERS (health on ports $WORKER_BASE_PORT..$((WORKER_BASE_PORT + WORKERS - 1)))
  logs      ${STT_LOG_DIR#"$STT_ROOT"/}/  (api.log, worker-<n>.log, s3proxy.log, redis.log)

Transcribe a file:
  curl -sS -F file=@recording.wav http://localhost:$API_PORT/api/v1/transcribe
  curl -sS http://localhost:$API_PORT/api/v1/jobs/<job_id>
  curl -sS 'http://localhost:$API_PORT/api/v1/jobs/<job_id>/transcript?format=txt'
or, waiting for the result:
  STT_URL=http://localhost:$API_PORT examples/transcribe.sh recording.wav srt

Stop everything this script started:
  scripts/run-local.sh down
USAGE
}

down() {
  stt_services_stop_all
  stt_infra_down all
  stt_info "stopped what scripts/run-local.sh started"
}

status() {
  local running
  running="$(stt_services_running | tr '\n' ' ')"
  printf 'services:   %s\n' "${running:-none running}"
  printf 'PostgreSQL: %s\n' "$(stt_pg_ready && echo up || echo down)$([[ -f "$STT_PG_MARKER" ]] && echo ' (started by these scripts)')"
  printf 'Redis:      %s\n' "$(stt_redis_ready && echo up || echo down)$([[ -f "$STT_REDIS_MARKER" ]] && echo ' (started by these scripts)')"
  printf 'S3:         %s\n' "$(stt_s3_answers && echo up || echo down)$([[ -f "$STT_S3PROXY_PIDFILE" ]] && echo ' (S3Proxy started by these scripts)')"
}

case "${1:-up}" in
  up) up ;;
  down) down ;;
  status) status ;;
  -h | --help | help) usage ;;
  *)
    usage >&2
    exit 2
    ;;
esac
