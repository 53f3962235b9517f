#!/usr/bin/env bash
# Downloads the bundle of one large upload from an API started with a small heap, and reports how long the
# download took, the API process's peak resident memory while it ran, and whether the archive's audio is
# byte-for-byte the upload. The bundle is streamed from S3 through the ZIP encoder, so memory should not grow
# with the file.
#
#   bench/bundle-heap.sh [SIZE_MB=500] [HEAP=64m]
#
# Needs the local stack (scripts/run-local.sh, or scripts/lib/stack.sh's stt_infra_up) and a built API
# (mvn -pl src -am package -DskipTests). Uses Redis db BENCH_REDIS_DB (2) and bucket BENCH_BUCKET (stt-bench), so no
# local worker picks the job up (the bundle then holds job.json, the audio and the logs); the uploaded object is
# deleted at the end. Needs about twice SIZE_MB free in the temporary directory.
set -euo pipefail

ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
SIZE_MB=${1:-500}
HEAP=${2:-64m}
PORT=${BENCH_PORT:-8096}
BUCKET=${BENCH_BUCKET:-stt-bench}
WORK=$(mktemp -d)
trap 'kill "${API_PID:-}" 2>/dev/null || true; rm -rf "$WORK"' EXIT

bench_silent_wav "$SIZE_MB" "$WORK/big.wav"
bytes=$(stat -c %s "$WORK/big.wav")

bench_start_api "$ROOT" "$PORT" "$HEAP" $(( SIZE_MB + 10 )) "$BUCKET" "${BENCH_REDIS_DB:-2}" "$WORK/api.log"

status=$(curl -s -o "$WORK/response.json" -w '%{http_code}' -F "file=@$WORK/big.wav" "http://localhost:$PORT/api/v1/transcribe")
job_id=$(jq -r '.job_id // empty' "$WORK/response.json")
[[ "$status" == 202 && -n "$job_id" ]] || { echo "upload failed: HTTP $status"; cat "$WORK/response.json"; exit 1; }
rss_before_kb=$(awk '/VmRSS/ {print $2}' "/proc/$API_PID/status")
# start the peak (VmHWM) afresh, so it measures the download and not the upload before it
echo 5 > "/proc/$API_PID/clear_refs"

start=$(date +%s.%N)
status=$(curl -s -o "$WORK/bundle.zip" -w '%{http_code}' "http://localhost:$PORT/api/v1/jobs/$job_id/download-bundle")
end=$(date +%s.%N)
peak_kb=$(awk '/VmHWM/ {print $2}' "/proc/$API_PID/status")
zip_bytes=$(stat -c %s "$WORK/bundle.zip")

printf 'bundle of a %d-byte (%d MB) upload with -Xmx%s: HTTP %s, %d bytes in %.1f s, API RSS %d MB before, peak %d MB during the download, job %s\n' \
  "$bytes" "$SIZE_MB" "$HEAP" "$status" "$zip_bytes" "$(awk -v a="$start" -v b="$end" "BEGIN {print b - a}")" \
  $(( rss_before_kb / 1024 )) $(( peak_kb / 1024 )) "$job_id"
echo "OutOfMemoryError lines in the API log: $(grep -c OutOfMemoryError "$WORK/api.log" || true)"
unzip -l "$WORK/bundle.zip"
original=$(sha256sum < "$WORK/big.wav" | cut -d' ' -f1)
bundled=$(unzip -p "$WORK/bundle.zip" audio/big.wav | sha256sum | cut -d' ' -f1)
echo "audio SHA-256: upload $original, bundle $bundled"

curl -s --aws-sigv4 "aws:amz:us-east-1:s3" --user stt-local:stt-local-secret \
  -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" -X DELETE "http://127.0.0.1:9000/$BUCKET/jobs/$job_id/source" || true
[[ "$status" == 200 && "$original" == "$bundled" ]]
