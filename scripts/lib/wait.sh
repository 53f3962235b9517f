# shellcheck shell=bash
# Polling with a deadline: the only way these scripts wait for something to happen.

[[ -n "${_STT_WAIT_SH:-}" ]] && return 0
_STT_WAIT_SH=1

# stt_wait_until TIMEOUT_SECONDS DESCRIPTION COMMAND [ARGS...]
# Runs COMMAND every STT_WAIT_INTERVAL seconds (default 1) until it succeeds or the deadline
# passes. Returns 0 on success, 1 on timeout (after printing which condition timed out).
stt_wait_until() {
  local timeout=$1 description=$2
  shift 2
  local interval=${STT_WAIT_INTERVAL:-1}
  local deadline=$((SECONDS + timeout))
  while true; do
    if "$@"; then
      return 0
    fi
    if ((SECONDS >= deadline)); then
      printf 'timed out after %ss waiting for %s\n' "$timeout" "$description" >&2
      return 1
    fi
    sleep "$interval"
  done
}

# stt_http_code URL — the HTTP status of a GET, or 000 when nothing answers.
stt_http_code() {
  curl -s -o /dev/null --connect-timeout 2 --max-time 5 -w '%{http_code}' -- "$1" 2>/dev/null || true
}

# stt_http_ok URL — true when a GET answers 200.
stt_http_ok() {
  [[ "$(stt_http_code "$1")" == 200 ]]
}

# stt_http_answers URL — true when anything speaks HTTP at URL, whatever the status.
stt_http_answers() {
  local code
  code="$(stt_http_code "$1")"
  [[ -n "$code" && "$code" != 000 ]]
}

# stt_port_open PORT [HOST] — true when something accepts TCP connections there.
stt_port_open() {
  local port=$1 host=${2:-127.0.0.1}
  (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null
}
