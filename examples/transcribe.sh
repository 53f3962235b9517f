#!/usr/bin/env bash
# Transcribes one audio or video file with the STT service and prints the transcript.
# Made for CI pipelines: only curl and jq, progress on stderr, the transcript alone on stdout.
#
#   examples/transcribe.sh FILE [FORMAT]      FORMAT: txt (default), json, srt, vtt
#
# Environment:
#   STT_URL              service base URL (default http://localhost:8080)
#   STT_API_KEY          sent as X-API-Key when set
#   STT_LANGUAGE         language hint, e.g. en (optional)
#   STT_TIMEOUT_SECONDS  give up after this long, upload included (default 1800)
#
# Exit status: 0 transcript printed; 1 the job failed or was cancelled; 2 usage error;
# 3 timed out; 4 the service answered with an error (its problem document goes to stderr)
# or could not be reached.
set -euo pipefail

readonly POLL_INTERVAL_SECONDS=2

usage() {
  # The comment block at the top of this file is the help text.
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" >&2
  exit 2
}

say() { printf '%s\n' "$*" >&2; }

[[ $# -ge 1 && $# -le 2 ]] || usage
file=$1
format=${2:-txt}
base_url=${STT_URL:-http://localhost:8080}
base_url=${base_url%/}
timeout=${STT_TIMEOUT_SECONDS:-1800}

case "$format" in
  txt | json | srt | vtt) ;;
  *)
    say "unknown format '$format' (use txt, json, srt or vtt)"
    exit 2
    ;;
esac
[[ "$timeout" =~ ^[1-9][0-9]*$ ]] || {
  say "STT_TIMEOUT_SECONDS must be a positive whole number of seconds (got '$timeout')"
  exit 2
}
[[ -f "$file" && -r "$file" ]] || {
  say "cannot read file: $file"
  exit 2
}
for tool in curl jq; do
  command -v "$tool" >/dev/null 2>&1 || {
    say "$tool is required"
    exit 2
  }
done

deadline=$((SECONDS + timeout))
work="$(mktemp -d)"
trap 'rm -rf -- "$work"' EXIT
body="$work/body"
headers="$work/headers"

# The API key goes to curl through a file, so it never shows in the process list.
: >"$headers"
chmod 600 "$headers"
[[ -n "${STT_API_KEY:-}" ]] && printf 'X-API-Key: %s\n' "$STT_API_KEY" >"$headers"

remaining() {
  local left=$((deadline - SECONDS))
  ((left > 0)) || left=1
  echo "$left"
}

timed_out() {
  say "timed out after ${timeout}s${1:+ $1}"
  exit 3
}

# request METHOD URL [CURL ARGS...] — body to $body, HTTP status in $status; curl's exit
# status in $curl_rc (28: the deadline passed during the request).
request() {
  local method=$1 url=$2
  shift 2
  curl_rc=0
  status="$(curl -sS -o "$body" -w '%{http_code}' --connect-timeout 10 --max-time "$(remaining)" \
    -H @"$headers" -X "$method" "$@" -- "$url")" || curl_rc=$?
  ((curl_rc == 28)) && timed_out "(during $method $url)"
  return 0
}

# The service's problem document (RFC 9457) in one line, then whole, on stderr.
report_problem() {
  local what=$1
  if jq -e 'type == "object"' "$body" >/dev/null 2>&1; then
    say "$what failed: HTTP $status: $(jq -r '[(.title // "error"), (.detail // empty)] | join(": ")' "$body")$(jq -r 'if .error_code then " (\(.error_code))" else "" end' "$body")"
    jq . "$body" >&2
  else
    say "$what failed: HTTP $status"
    [[ -s "$body" ]] && cat -- "$body" >&2 && say ""
  fi
}

# --- submit ----------------------------------------------------------------------------
# curl -F needs the path quoted (with " and \ escaped) to survive ; and , in file names.
quoted_path=${file//\\/\\\\}
quoted_path=${quoted_path//\"/\\\"}
form=(-F "file=@\"$quoted_path\"")
[[ -n "${STT_LANGUAGE:-}" ]] && form+=(--form-string "language=$STT_LANGUAGE")

say "uploading $file to $base_url"
request POST "$base_url/api/v1/transcribe" "${form[@]}"
if ((curl_rc != 0)); then
  say "could not reach $base_url (curl exit $curl_rc)"
  exit 4
fi
if [[ "$status" != 2?? ]]; then
  report_problem "upload"
  exit 4
fi
job_id="$(jq -r '.job_id // empty' "$body")"
[[ -n "$job_id" ]] || {
  say "the service accepted the upload but sent no job_id:"
  cat -- "$body" >&2
  exit 4
}
say "job $job_id: $(jq -r '.status' "$body")"

# --- wait --------------------------------------------------------------------------------
job_url="$base_url/api/v1/jobs/$job_id"
last_progress=""
while true; do
  request GET "$job_url"
  if ((curl_rc != 0)) || [[ "$status" == 429 || "$status" == 502 || "$status" == 503 || "$status" == 504 ]]; then
    # The job is safe on the server: ride out restarts and rate limits until the deadline.
    say "job $job_id: service busy or unreachable (${status/#000/no answer}), retrying"
  elif [[ "$status" != 2?? ]]; then
    report_problem "status check"
    exit 4
  else
    job_status="$(jq -r '.status' "$body")"
    progress="$job_status $(jq -r '"\(.progress.chunks_done // 0)/\(.progress.chunks_total // "?") chunks"' "$body")"
    if [[ "$progress" != "$last_progress" ]]; then
      say "job $job_id: $progress"
      last_progress=$progress
    fi
    case "$job_status" in
      completed) break ;;
      failed | cancelled)
        say "job $job_id $job_status: $(jq -r '.error_code // "unknown"' "$body"): $(jq -r '.error_message // "no message"' "$body")"
        exit 1
        ;;
    esac
  fi
  ((SECONDS < deadline)) || timed_out "waiting for job $job_id"
  wait_for=$((deadline - SECONDS))
  ((wait_for < POLL_INTERVAL_SECONDS)) || wait_for=$POLL_INTERVAL_SECONDS
  sleep "$wait_for"
done

# --- result ------------------------------------------------------------------------------
request GET "$job_url/transcript?format=$format"
if ((curl_rc != 0)); then
  say "could not fetch the transcript (curl exit $curl_rc)"
  exit 4
fi
if [[ "$status" != 2?? ]]; then
  report_problem "transcript download"
  exit 4
fi
cat -- "$body"
