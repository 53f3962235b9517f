# shellcheck shell=bash
# What the memory benchmarks share: a large silent recording and an API started alone with a small heap.

# bench_silent_wav SIZE_MB OUT — writes a 16 kHz mono PCM WAV of about SIZE_MB MiB (32,000 bytes a second).
bench_silent_wav() {
  local seconds=$(( $1 * 1024 * 1024 / 32000 ))
  ffmpeg -nostdin -loglevel error -f lavfi -i "anullsrc=r=16000:cl=mono" -t "$seconds" -c:a pcm_s16le "$2"
}

# bench_start_api ROOT PORT HEAP MAX_UPLOAD_MB BUCKET REDIS_DB LOG — starts the built API in the background, sets
# API_PID, and returns once it is ready. Its own Redis db and bucket keep local workers away from its jobs.
bench_start_api() {
  local root=$1 port=$2 heap=$3 max_mb=$4 bucket=$5 redis_db=$6 log=$7
  QUARKUS_HTTP_PORT=$port STT_MAX_UPLOAD_MB=$max_mb STT_S3_BUCKET=$bucket \
    QUARKUS_REDIS_HOSTS=redis://127.0.0.1:6379/$redis_db \
    java "-Xmx$heap" -jar "$root/src/target/quarkus-app/quarkus-run.jar" > "$log" 2>&1 &
  API_PID=$!
  for _ in $(seq 1 120); do
    curl -fs "http://localhost:$port/q/health/ready" > /dev/null && return 0
    kill -0 "$API_PID" || { cat "$log"; return 1; }
    sleep 0.5
  done
  echo "the API did not become ready on port $port" >&2
  return 1
}
