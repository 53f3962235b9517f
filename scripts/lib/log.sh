# shellcheck shell=bash
# Messages for the scripts: progress to stdout, problems to stderr, one prefix for all.

[[ -n "${_STT_LOG_SH:-}" ]] && return 0
_STT_LOG_SH=1

stt_info() { printf '==> %s\n' "$*"; }
stt_warn() { printf 'warning: %s\n' "$*" >&2; }
stt_error() { printf 'error: %s\n' "$*" >&2; }

# stt_die MESSAGE... — print an error and leave the entry script with status 1.
stt_die() {
  stt_error "$@"
  exit 1
}

# stt_log_tail FILE [LINES] — show the end of a log so a failure explains itself.
stt_log_tail() {
  local file=$1 lines=${2:-40}
  if [[ -r "$file" ]]; then
    printf -- '---- last %s lines of %s ----\n' "$lines" "$file" >&2
    tail -n "$lines" -- "$file" >&2 || true
    printf -- '---- end of %s ----\n' "$file" >&2
  else
    printf 'no log at %s\n' "$file" >&2
  fi
}
