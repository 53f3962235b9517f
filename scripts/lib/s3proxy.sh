# shellcheck shell=bash
# S3Proxy 4.1.0 as the local S3 on 127.0.0.1:9000 (STT_S3_PORT), filesystem backend under .local/s3.
# Fetched by Maven from scripts/s3proxy/pom.xml; run as its own Java process.

[[ -n "${_STT_S3PROXY_SH:-}" ]] && return 0
_STT_S3PROXY_SH=1

_STT_LIB_DIR="$(dirname -- "${BASH_SOURCE[0]}")"
# shellcheck source=scripts/lib/log.sh
source "$_STT_LIB_DIR/log.sh"
# shellcheck source=scripts/lib/paths.sh
source "$_STT_LIB_DIR/paths.sh"
# shellcheck source=scripts/lib/wait.sh
source "$_STT_LIB_DIR/wait.sh"
# shellcheck source=scripts/lib/process.sh
source "$_STT_LIB_DIR/process.sh"

STT_S3_HOST=127.0.0.1
STT_S3_PORT="${STT_S3_PORT:-9000}"
STT_S3_ENDPOINT="http://$STT_S3_HOST:$STT_S3_PORT"
STT_S3_IDENTITY=stt-local
STT_S3_CREDENTIAL=stt-local-secret
STT_S3_REGION=us-east-1
STT_S3_BUCKETS=(stt stt-test)
if [[ -n "${STT_TEST_BUCKET:-}" && "$STT_TEST_BUCKET" != stt-test ]]; then STT_S3_BUCKETS+=("$STT_TEST_BUCKET"); fi
STT_S3_DATA_DIR="$STT_LOCAL_DIR/s3"
STT_S3PROXY_HOME="$STT_LOCAL_DIR/s3proxy"
STT_S3PROXY_LIB="$STT_S3PROXY_HOME/lib"
STT_S3PROXY_POM="$STT_ROOT/scripts/s3proxy/pom.xml"
STT_S3PROXY_PIDFILE="$STT_RUN_DIR/s3proxy.pid"
STT_S3PROXY_LOG="$STT_LOG_DIR/s3proxy.log"
STT_S3PROXY_MAIN=org.gaul.s3proxy.Main

stt_s3_answers() {
  stt_http_answers "$STT_S3_ENDPOINT/"
}

# The lib dir is complete when its stamp matches the POM it was fetched from.
_stt_s3proxy_pom_digest() {
  sha256sum -- "$STT_S3PROXY_POM" | cut -d' ' -f1
}

_stt_s3proxy_fetch() {
  local stamp="$STT_S3PROXY_LIB/.fetched-from-pom" digest
  digest="$(_stt_s3proxy_pom_digest)"
  if [[ -r "$stamp" && "$(cat -- "$stamp")" == "$digest" ]] &&
    compgen -G "$STT_S3PROXY_LIB/s3proxy-*.jar" >/dev/null; then
    return 0
  fi
  stt_info "fetching S3Proxy and its dependencies into $STT_S3PROXY_LIB"
  rm -rf -- "$STT_S3PROXY_LIB"
  local log="$STT_LOG_DIR/s3proxy-fetch.log"
  if ! mvn -B -q -f "$STT_S3PROXY_POM" dependency:copy-dependencies \
    -DoutputDirectory="$STT_S3PROXY_LIB" >"$log" 2>&1; then
    stt_error "could not fetch S3Proxy with Maven"
    stt_log_tail "$log"
    return 1
  fi
  printf '%s\n' "$digest" >"$stamp"
}

_stt_s3proxy_write_config() {
  mkdir -p -- "$STT_S3PROXY_HOME" "$STT_S3_DATA_DIR"
  cat >"$STT_S3PROXY_HOME/s3proxy.conf" <<CONF
# Written by scripts/lib/s3proxy.sh on every start; edit that script instead.
s3proxy.endpoint=$STT_S3_ENDPOINT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$STT_S3_IDENTITY
s3proxy.credential=$STT_S3_CREDENTIAL
jclouds.provider=filesystem-nio2
jclouds.filesystem.basedir=$STT_S3_DATA_DIR
CONF
  # Without a configuration S3Proxy's logback logs every request at DEBUG.
  cat >"$STT_S3PROXY_HOME/logback.xml" <<'XML'
<configuration>
  <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%d{ISO8601} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
  </appender>
  <root level="INFO"><appender-ref ref="STDOUT"/></root>
</configuration>
XML
}

_stt_s3proxy_alive() {
  stt_pidfile_alive "$STT_S3PROXY_PIDFILE" "$STT_S3PROXY_MAIN"
}

_stt_s3proxy_up_or_dead() {
  stt_s3_answers || ! _stt_s3proxy_alive
}

# stt_s3_request METHOD PATH [CURL ARGS...] — a SigV4-signed request; prints the HTTP status.
# S3Proxy checks x-amz-content-sha256, which curl does not send on its own.
stt_s3_request() {
  local method=$1 path=$2
  shift 2
  local payload_hash=UNSIGNED-PAYLOAD
  [[ "$method" == GET || "$method" == HEAD || "$method" == DELETE ]] &&
    payload_hash=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 # sha256("")
  local verb=(-X "$method")
  [[ "$method" == HEAD ]] && verb=(-I)
  curl -sS -o /dev/null -w '%{http_code}' --connect-timeout 5 --max-time 60 \
    --aws-sigv4 "aws:amz:$STT_S3_REGION:s3" --user "$STT_S3_IDENTITY:$STT_S3_CREDENTIAL" \
    -H "x-amz-content-sha256: $payload_hash" "${verb[@]}" "$@" \
    -- "$STT_S3_ENDPOINT$path"
}

# stt_s3_ensure_buckets — creates the buckets that are missing (the services create theirs too).
stt_s3_ensure_buckets() {
  local bucket code
  for bucket in "${STT_S3_BUCKETS[@]}"; do
    code="$(stt_s3_request HEAD "/$bucket" 2>/dev/null)" || code=000
    case "$code" in
      200) ;;
      404)
        code="$(stt_s3_request PUT "/$bucket")" || code=000
        if [[ "$code" == 200 ]]; then
          stt_info "created S3 bucket $bucket"
        else
          stt_warn "could not create S3 bucket $bucket (HTTP $code)"
        fi
        ;;
      *) stt_warn "cannot check S3 bucket $bucket at $STT_S3_ENDPOINT (HTTP $code): is it S3Proxy with identity $STT_S3_IDENTITY?" ;;
    esac
  done
}

# stt_s3proxy_ensure_running — sets STT_S3PROXY_STARTED_NOW=1 when it had to start S3Proxy.
stt_s3proxy_ensure_running() {
  STT_S3PROXY_STARTED_NOW=0
  if stt_s3_answers; then
    stt_info "S3 already answering on $STT_S3_ENDPOINT"
  else
    _stt_s3proxy_fetch || return 1
    _stt_s3proxy_write_config
    stt_info "starting S3Proxy on $STT_S3_ENDPOINT (data in $STT_S3_DATA_DIR)"
    stt_spawn "$STT_S3PROXY_PIDFILE" "$STT_S3PROXY_LOG" \
      java -Xmx512m -Dlogback.configurationFile="$STT_S3PROXY_HOME/logback.xml" \
      -cp "$STT_S3PROXY_LIB/*" "$STT_S3PROXY_MAIN" \
      --properties "$STT_S3PROXY_HOME/s3proxy.conf" || return 1
    # shellcheck disable=SC2034 # read by stack.sh
    STT_S3PROXY_STARTED_NOW=1
    # Stop waiting early if the process dies instead of answering.
    STT_WAIT_INTERVAL=0.5 stt_wait_until "${STT_S3PROXY_START_TIMEOUT:-60}" "S3Proxy on $STT_S3_ENDPOINT" \
      _stt_s3proxy_up_or_dead || true
    if ! stt_s3_answers; then
      stt_error "S3Proxy did not start"
      stt_log_tail "$STT_S3PROXY_LOG"
      return 1
    fi
  fi
  stt_s3_ensure_buckets
}

# stt_s3proxy_stop — stops S3Proxy if these scripts started it (its pid file says so).
stt_s3proxy_stop() {
  [[ -f "$STT_S3PROXY_PIDFILE" ]] || return 0
  stt_stop_pidfile S3Proxy "$STT_S3PROXY_PIDFILE" "$STT_S3PROXY_MAIN" 30
}
