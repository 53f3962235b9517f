# shellcheck shell=bash
# Redis on 127.0.0.1:6379 (STT_REDIS_PORT): started with its data under .local/redis when nothing answers.
# Append-only persistence, so stream entries (queued work) survive a restart.

[[ -n "${_STT_REDIS_SH:-}" ]] && return 0
_STT_REDIS_SH=1

_STT_LIB_DIR="$(dirname -- "${BASH_SOURCE[0]}")"
# shellcheck source=scripts/lib/log.sh
source "$_STT_LIB_DIR/log.sh"
# shellcheck source=scripts/lib/paths.sh
source "$_STT_LIB_DIR/paths.sh"
# shellcheck source=scripts/lib/wait.sh
source "$_STT_LIB_DIR/wait.sh"
# shellcheck source=scripts/lib/process.sh
source "$_STT_LIB_DIR/process.sh"

STT_REDIS_HOST=127.0.0.1
STT_REDIS_PORT="${STT_REDIS_PORT:-6379}"
STT_REDIS_DIR="$STT_LOCAL_DIR/redis"
STT_REDIS_PIDFILE="$STT_RUN_DIR/redis.pid"
STT_REDIS_LOG="$STT_LOG_DIR/redis.log"
# Written when these scripts started Redis, so `down` stops only what it started.
STT_REDIS_MARKER="$STT_RUN_DIR/redis.started"

stt_redis_ready() {
  [[ "$(redis-cli -h "$STT_REDIS_HOST" -p "$STT_REDIS_PORT" ping 2>/dev/null)" == PONG ]]
}

# stt_redis_ensure_running — sets STT_REDIS_STARTED_NOW=1 when it had to start Redis.
stt_redis_ensure_running() {
  STT_REDIS_STARTED_NOW=0
  if stt_redis_ready; then
    stt_info "Redis already answering on $STT_REDIS_HOST:$STT_REDIS_PORT"
    return 0
  fi
  mkdir -p -- "$STT_REDIS_DIR"
  stt_info "starting Redis on $STT_REDIS_HOST:$STT_REDIS_PORT (data in $STT_REDIS_DIR)"
  if ! redis-server --daemonize yes --bind "$STT_REDIS_HOST" --port "$STT_REDIS_PORT" \
    --dir "$STT_REDIS_DIR" --pidfile "$STT_REDIS_PIDFILE" --logfile "$STT_REDIS_LOG" \
    --appendonly yes; then
    stt_log_tail "$STT_REDIS_LOG"
    return 1
  fi
  touch -- "$STT_REDIS_MARKER"
  # shellcheck disable=SC2034 # read by stack.sh
  STT_REDIS_STARTED_NOW=1
  if ! stt_wait_until "${STT_REDIS_START_TIMEOUT:-30}" "Redis on $STT_REDIS_HOST:$STT_REDIS_PORT" stt_redis_ready; then
    stt_log_tail "$STT_REDIS_LOG"
    return 1
  fi
}

# stt_redis_stop_if_started — stops Redis only when these scripts started it.
stt_redis_stop_if_started() {
  [[ -f "$STT_REDIS_MARKER" ]] || return 0
  if stt_redis_ready; then
    stt_info "stopping Redis"
    # SHUTDOWN flushes the append-only file; the pid file is the fallback if it refuses.
    redis-cli -h "$STT_REDIS_HOST" -p "$STT_REDIS_PORT" shutdown >/dev/null 2>&1 || true
  fi
  stt_stop_pidfile Redis "$STT_REDIS_PIDFILE" redis-server 30 || stt_warn "could not stop Redis"
  rm -f -- "$STT_REDIS_MARKER"
}
