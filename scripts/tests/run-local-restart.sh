#!/usr/bin/env bash
# Tests that scripts/run-local.sh, run again after a component died, brings back exactly that
# component and leaves the running ones alone: worker, API, Redis, PostgreSQL and S3Proxy are
# each killed with SIGKILL in turn. Runs a private stack (own ports, own PostgreSQL cluster,
# own .local directory), so the shared PostgreSQL, Redis and S3Proxy are never touched.
# Needs the jars built (mvn -DskipTests package). Prints "N passed, N failed".
set -euo pipefail

ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd -P)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/stt-run-local-test.XXXXXX")"
[[ "$(id -u)" == 0 ]] && chmod 755 "$WORK" # the postgres user must reach its data directory

# shellcheck source=scripts/lib/wait.sh
source "$ROOT/scripts/lib/wait.sh"

free_port() {
  local port
  while true; do
    port=$((20000 + RANDOM % 30000))
    stt_port_open "$port" || {
      echo "$port"
      return
    }
  done
}

export STT_LOCAL_DIR="$WORK/local"
export STT_PG_DATA_DIR="$WORK/pgdata"
export STT_PG_PORT STT_REDIS_PORT STT_S3_PORT STT_API_PORT STT_WORKER_BASE_PORT
STT_PG_PORT="$(free_port)"
STT_REDIS_PORT="$(free_port)"
STT_S3_PORT="$(free_port)"
STT_API_PORT="$(free_port)"
STT_WORKER_BASE_PORT="$(free_port)"
export STT_SKIP_BUILD=1 STT_WORKERS=1 STT_READY_TIMEOUT=120
# the private stack's own databases and bucket, whatever the caller's test isolation says
unset STT_TEST_DB STT_TEST_BUCKET QUARKUS_DATASOURCE_REACTIVE_URL QUARKUS_DATASOURCE_JDBC_URL QUARKUS_REDIS_HOSTS \
  QUARKUS_S3_ENDPOINT_OVERRIDE

RUN="$WORK/local/run"
PASSED=0
FAILED=0

cleanup() {
  "$ROOT/scripts/run-local.sh" down >"$WORK/down.log" 2>&1 || cat "$WORK/down.log" >&2
  rm -rf -- "$WORK"
}
trap cleanup EXIT

# S3Proxy's jars: reuse the main stack's download when there is one.
if [[ -d "$ROOT/.local/s3proxy/lib" ]]; then
  mkdir -p "$STT_LOCAL_DIR/s3proxy"
  cp -r "$ROOT/.local/s3proxy/lib" "$STT_LOCAL_DIR/s3proxy/"
fi

pid_of() {
  case "$1" in
    postgres) head -n 1 "$STT_PG_DATA_DIR/postmaster.pid" 2>/dev/null || true ;;
    worker) cat "$RUN/worker-1.pid" 2>/dev/null || true ;;
    *) cat "$RUN/$1.pid" 2>/dev/null || true ;;
  esac
}

COMPONENTS=(worker api redis postgres s3proxy)
declare -A PIDS

record_pids() {
  local c
  for c in "${COMPONENTS[@]}"; do PIDS[$c]="$(pid_of "$c")"; done
}

alive() { [[ -n "$1" ]] && kill -0 "$1" 2>/dev/null; }
dead() { ! alive "$1"; }

check() {
  local description=$1
  shift
  if "$@"; then
    PASSED=$((PASSED + 1))
    printf 'ok: %s\n' "$description"
  else
    FAILED=$((FAILED + 1))
    printf 'FAILED: %s\n' "$description" >&2
  fi
}

up() {
  if ! "$ROOT/scripts/run-local.sh" >"$WORK/up.log" 2>&1; then
    cat "$WORK/up.log" >&2
    return 1
  fi
}

echo "==> private stack: PostgreSQL :$STT_PG_PORT, Redis :$STT_REDIS_PORT, S3Proxy :$STT_S3_PORT, API :$STT_API_PORT"
check "a first run starts every component" up
record_pids
for c in "${COMPONENTS[@]}"; do
  check "$c is running (pid ${PIDS[$c]:-none})" alive "${PIDS[$c]}"
done

for victim in "${COMPONENTS[@]}"; do
  pid="${PIDS[$victim]}"
  echo "==> killing $victim (pid $pid) with SIGKILL"
  # PostgreSQL's server processes are the postmaster's children: a crash takes them all
  if [[ "$victim" == postgres ]]; then
    pkill -KILL -P "$pid" || true
  fi
  kill -KILL "$pid"
  STT_WAIT_INTERVAL=0.2 stt_wait_until 30 "$victim to die" dead "$pid"
  if [[ "$victim" == postgres ]]; then
    STT_WAIT_INTERVAL=0.2 stt_wait_until 30 "PostgreSQL's children to exit" bash -c "! pgrep -P $pid >/dev/null"
  fi

  check "run-local.sh run again after $victim died succeeds, the stack ready" up
  new_pid="$(pid_of "$victim")"
  check "$victim is back (pid $new_pid)" bash -c "[[ '$new_pid' != '$pid' ]] && kill -0 '$new_pid' 2>/dev/null"
  for other in "${COMPONENTS[@]}"; do
    [[ "$other" == "$victim" ]] && continue
    check "$other left alone after $victim died (pid ${PIDS[$other]})" \
      bash -c "[[ '$(pid_of "$other")' == '${PIDS[$other]}' ]] && kill -0 '${PIDS[$other]}' 2>/dev/null"
  done
  PIDS[$victim]="$new_pid"
done

printf '%s passed, %s failed\n' "$PASSED" "$FAILED"
((FAILED == 0))
