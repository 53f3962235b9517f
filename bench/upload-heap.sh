#!/usr/bin/env bash
# Uploads one large recording to an API started with a small heap, and reports whether it was
# accepted, how long it took and the API process's peak resident memory. The upload is spooled
# to disk and streamed to S3, so neither should grow with the file.
#
#   bench/upload-heap.sh [SIZE_MB=500] [HEAP=64m]
#
# Needs the local stack (scripts/run-local.sh, or scripts/lib/stack.sh's stt_infra_up) and a built
# API (mvn -pl src -am package -DskipTests). Uses Redis db 2 and bucket stt-bench, so no local
# worker picks the job up; the uploaded object is deleted at the end.
set -euo pipefail

ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
SIZE_MB=${1:-500}
HEAP=${2:-64m}
PORT=${BENCH_PORT:-8095}
WORK=$(mktemp -d)
trap 'kill "${API_PID:-}" 2>/dev/null || true; rm -rf "$WORK"' EXIT

bench_silent_wav "$SIZE_MB" "$WORK/big.wav"
bytes=$(stat -c %s "$WORK/big.wav")

bench_start_api "$ROOT" "$PORT" "$HEAP" $(( SIZE_MB + 10 )) "stt-bench" "2" "$WORK/api.log"

start=$(date +%s.%N)
status=$(curl -s -o "$WORK/response.json" -w '%{http_code}' -F "file=@$WORK/big.wav" "http://localhost:$PORT/api/v1/transcribe")
end=$(date +%s.%N)
peak_kb=$(awk '/VmHWM/ {print $2}' "/proc/$API_PID/status")
job_id=$(jq -r '.job_id // empty' "$WORK/response.json")

printf 'upload %d bytes (%d MB) with -Xmx%s: HTTP %s in %.1f s, API peak RSS %d MB, job %s\n' \
  "$bytes" "$SIZE_MB" "$HEAP" "$status" "$(awk -v a="$start" -v b="$end" "BEGIN {print b - a}")" $(( peak_kb / 1024 )) "${job_id:-none}"
echo "OutOfMemoryError lines in the API log: $(grep -c OutOfMemoryError "$WORK/api.log" || true)"

if [[ -n "$job_id" ]]; then
  curl -s --aws-sigv4 "aws:amz:us-east-1:s3" --user stt-local:stt-local-secret \
    -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" -X DELETE "http://127.0.0.1:9000/stt-bench/jobs/$job_id/source" || true
fi
[[ "$status" == 202 ]]
