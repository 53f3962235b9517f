# shellcheck shell=bash
# Where the local stack keeps its state: everything under <repo>/.local (git-ignored), or under
# STT_LOCAL_DIR when set (a second, private stack, e.g. for the script's own tests).

[[ -n "${_STT_PATHS_SH:-}" ]] && return 0
_STT_PATHS_SH=1

STT_ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd -P)"
STT_LOCAL_DIR="${STT_LOCAL_DIR:-$STT_ROOT/.local}"
STT_LOG_DIR="$STT_LOCAL_DIR/logs"
STT_RUN_DIR="$STT_LOCAL_DIR/run"
export STT_ROOT STT_LOCAL_DIR STT_LOG_DIR STT_RUN_DIR

mkdir -p -- "$STT_LOG_DIR" "$STT_RUN_DIR"
