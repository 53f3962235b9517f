# shellcheck shell=bash
# The infrastructure both entry scripts need: packages, PostgreSQL, Redis and S3Proxy.

[[ -n "${_STT_STACK_SH:-}" ]] && return 0
_STT_STACK_SH=1

_STT_LIB_DIR="$(dirname -- "${BASH_SOURCE[0]}")"
# shellcheck source=scripts/lib/prereqs.sh
source "$_STT_LIB_DIR/prereqs.sh"
# shellcheck source=scripts/lib/postgres.sh
source "$_STT_LIB_DIR/postgres.sh"
# shellcheck source=scripts/lib/redis.sh
source "$_STT_LIB_DIR/redis.sh"
# shellcheck source=scripts/lib/s3proxy.sh
source "$_STT_LIB_DIR/s3proxy.sh"

# What this shell started itself (postgres, redis, s3proxy), so a caller can undo just that.
STT_STARTED_HERE=()

# stt_infra_up runtime|tests — everything the services (or their tests) talk to.
stt_infra_up() {
  local packages=()
  [[ "$1" == tests ]] && packages=(--with-tests)
  stt_require_packages "${packages[@]}" || return 1
  stt_pg_ensure_running || return 1
  ((STT_PG_STARTED_NOW)) && STT_STARTED_HERE+=(postgres)
  stt_pg_ensure_databases || return 1
  stt_redis_ensure_running || return 1
  ((STT_REDIS_STARTED_NOW)) && STT_STARTED_HERE+=(redis)
  stt_s3proxy_ensure_running || return 1
  ((STT_S3PROXY_STARTED_NOW)) && STT_STARTED_HERE+=(s3proxy)
  return 0
}

# stt_infra_down all|COMPONENT... — stops S3Proxy, Redis and PostgreSQL (or just the ones
# named: s3proxy, redis, postgres), each only if these scripts started it.
stt_infra_down() {
  local want=("$@")
  [[ "${1:-}" == all ]] && want=(s3proxy redis postgres)
  local c
  for c in s3proxy redis postgres; do
    [[ " ${want[*]} " == *" $c "* ]] || continue
    case "$c" in
      s3proxy) stt_s3proxy_stop ;;
      redis) stt_redis_stop_if_started ;;
      postgres) stt_pg_stop_if_started ;;
    esac
  done
}
