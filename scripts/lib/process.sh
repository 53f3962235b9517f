# shellcheck shell=bash
# Pid files for the processes these scripts start, and stopping them safely.

[[ -n "${_STT_PROCESS_SH:-}" ]] && return 0
_STT_PROCESS_SH=1

# shellcheck source=scripts/lib/wait.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/wait.sh"

# stt_pid_from_file PIDFILE — print the pid recorded there (nothing if absent or garbled).
stt_pid_from_file() {
  local pid=""
  if [[ -r "$1" ]]; then
    read -r pid <"$1" || true # a last line without newline still fills pid
  fi
  [[ "$pid" =~ ^[0-9]+$ ]] && printf '%s\n' "$pid"
  return 0
}

# stt_pid_matches PID PATTERN — true when PID is alive and its command line contains PATTERN,
# so a pid recycled by an unrelated process is never mistaken for ours.
stt_pid_matches() {
  local pid=$1 pattern=$2 cmdline
  [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || return 1
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
  [[ "$cmdline" == *"$pattern"* ]]
}

# stt_pidfile_alive PIDFILE PATTERN — true when the pid file names a live process of ours.
stt_pidfile_alive() {
  local pid
  pid="$(stt_pid_from_file "$1")"
  stt_pid_matches "$pid" "$2"
}

_stt_pid_gone() { ! kill -0 "$1" 2>/dev/null; }

# stt_stop_pidfile NAME PIDFILE PATTERN [GRACE_SECONDS]
# SIGTERM, wait up to GRACE_SECONDS (default 30) for the process to exit, then SIGKILL.
# Removes the pid file. Does nothing to a pid that is not ours any more.
stt_stop_pidfile() {
  local name=$1 pidfile=$2 pattern=$3 grace=${4:-30} pid
  pid="$(stt_pid_from_file "$pidfile")"
  if stt_pid_matches "$pid" "$pattern"; then
    printf '==> stopping %s (pid %s)\n' "$name" "$pid"
    kill -TERM "$pid" 2>/dev/null || true
    if ! STT_WAIT_INTERVAL=0.5 stt_wait_until "$grace" "$name to exit" _stt_pid_gone "$pid"; then
      printf 'warning: %s did not exit after SIGTERM; sending SIGKILL\n' "$name" >&2
      kill -KILL "$pid" 2>/dev/null || true
      STT_WAIT_INTERVAL=0.2 stt_wait_until 10 "$name to die" _stt_pid_gone "$pid" || return 1
    fi
  fi
  rm -f -- "$pidfile"
}

# stt_spawn PIDFILE LOGFILE COMMAND [ARGS...]
# Starts COMMAND detached in its own session (no terminal signals reach it), stdout and stderr
# to LOGFILE, and records its pid in PIDFILE. The previous log is kept as LOGFILE.1.
stt_spawn() {
  local pidfile=$1 logfile=$2
  shift 2
  rm -f -- "$pidfile"
  [[ -f "$logfile" ]] && mv -f -- "$logfile" "$logfile.1"
  # The child writes its own pid: setsid may fork, so $! is not reliably the final pid.
  # shellcheck disable=SC2016 # $$ and $@ belong to the child shell
  setsid bash -c 'echo "$$" >"$0"; exec "$@"' "$pidfile" "$@" </dev/null >>"$logfile" 2>&1 &
  STT_WAIT_INTERVAL=0.1 stt_wait_until 10 "pid file $pidfile" test -s "$pidfile"
}
