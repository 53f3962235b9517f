#!/usr/bin/env bash
# The deployment path, for real: container images built from Dockerfile.jvm (and Dockerfile.native's
# runtime stage) on a Debian 12 base made with debootstrap, the Helm chart rendered with
# k8s/values/local-pods.yaml, its Deployments run as pods by `podman kube play`, their probes polled on
# the paths and ports the chart declares, the pods checked (user, read-only root, writable mounts, the
# environment, the JVM's heap against the memory limit, the worker's programs and model), LibriVox speech
# transcribed through the API pod by the worker pod, then everything torn down, failed or not.
#
#   scripts/test-deploy.sh          (as root; after `mvn install` or `mvn package`: it uses those jars)
#
# Environment: STT_DEPLOY_DB (stt_deploy), STT_DEPLOY_REDIS_DB (14), STT_DEPLOY_BUCKET (stt-deploy): where
# the pods keep their data on the local stack; STT_DEPLOY_API_PORT (18080): the API pod on the host's
# 127.0.0.1 while the test runs; STT_DEPLOY_READY_TIMEOUT (300 seconds); STT_DEPLOY_REBUILD_BASE=1 makes
# the debootstrap base again (cached in .local/deploy/base); STT_DEBIAN_MIRROR on machines whose apt
# sources have no Debian 12 mirror.
set -euo pipefail

ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)"
# shellcheck source=scripts/lib/stack.sh
source "$ROOT/scripts/lib/stack.sh"
# shellcheck source=scripts/lib/pods.sh
source "$ROOT/scripts/lib/pods.sh"
# shellcheck source=scripts/lib/images.sh
source "$ROOT/scripts/lib/images.sh"

DEPLOY_DB="${STT_DEPLOY_DB:-stt_deploy}"
DEPLOY_REDIS_DB="${STT_DEPLOY_REDIS_DB:-14}"
DEPLOY_BUCKET="${STT_DEPLOY_BUCKET:-stt-deploy}"
API_PORT="${STT_DEPLOY_API_PORT:-18080}"
READY_TIMEOUT="${STT_DEPLOY_READY_TIMEOUT:-300}"

MANIFESTS="$STT_PODS_RUN_DIR/manifests"
PLAY="$MANIFESTS/play.yaml"
PODS="$MANIFESTS/pods.json"
TAG="$(sed -n 's/^appVersion: *"\{0,1\}\([^"]*\)"\{0,1\} *$/\1/p' "$ROOT/k8s/chart/stt/Chart.yaml")"
API_KEY="deploy-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"

STEP=""
STEP_STARTED=$SECONDS
TIMINGS=()
PODS_PLAYED=0
stt_pods_note_host_paths

step() {
  [[ -n "$STEP" ]] && TIMINGS+=("$(printf '%4d s  %s' $((SECONDS - STEP_STARTED)) "$STEP")")
  STEP=$1
  STEP_STARTED=$SECONDS
  printf -- '-- %s\n' "$STEP"
}

# What failed, said once, then the teardown runs.
fail() {
  stt_error "$@"
  exit 1
}

# Lines as one: "a; b; c".
one_line() { awk 'NR > 1 { printf "; " } { printf "%s", $0 }'; }

pod_field() { jq -r --arg d "$1" ".[] | select(.deployment == \$d) | $2" "$PODS"; }
deployments() { jq -r '.[].deployment' "$PODS"; }

show_pod_logs() {
  local deployment container
  for deployment in $(deployments); do
    container="$(pod_field "$deployment" .container)"
    printf -- '---- last 25 lines of %s ----\n' "$container" >&2
    podman logs --tail 25 "$container" >&2 2>&1 || true
  done
}

teardown() {
  local rc=$?
  set +e
  [[ -n "$STEP" ]] && TIMINGS+=("$(printf '%4d s  %s' $((SECONDS - STEP_STARTED)) "$STEP")")
  if ((rc != 0 && PODS_PLAYED)); then
    show_pod_logs
  fi
  printf -- '-- teardown\n'
  stt_pods_down "$PLAY"
  local left
  left="$(stt_pods_leftovers)"
  if [[ -n "$left" ]]; then
    stt_error "left behind after the teardown:"
    printf '  %s\n' "$left" >&2
    ((rc == 0)) && rc=1
  fi
  stt_pods_remove_new_host_paths
  ((${#STT_STARTED_HERE[@]} > 0)) && stt_infra_down "${STT_STARTED_HERE[@]}"
  printf '\ndeploy stage timings:\n'
  printf '  %s\n' "${TIMINGS[@]}"
  if ((rc == 0)); then
    printf 'scripts/test-deploy.sh: passed in %d s\n' "$SECONDS"
  else
    printf 'scripts/test-deploy.sh: FAILED in "%s" after %d s\n' "$STEP" "$SECONDS" >&2
  fi
  exit "$rc"
}
trap teardown EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- checks of images and pods -----------------------------------------------------------------------

# The shell test of each program or file a worker setting names: on PATH for a bare name, present for a path.
tools_check_script() {
  jq -r --arg d "$1" '.[] | select(.deployment == $d) | .tools[] | "\(.setting)\t\(.value)"' "$PODS" |
    while IFS=$'\t' read -r setting value; do
      if [[ "$value" == */* ]]; then
        printf '[ -e %q ] || echo "%s=%s (no such file in the image)"\n' "$value" "$setting" "$value"
      else
        printf 'command -v %q >/dev/null || echo "%s=%s (not on PATH in the image)"\n' "$value" "$setting" "$value"
      fi
    done
}

check_image_has_tools() {
  local image=$1 deployment=$2 script missing
  script="$(tools_check_script "$deployment")"
  [[ -n "$script" ]] || return 0
  missing="$(podman run --rm --network none --entrypoint sh "$image" -c "$script")" ||
    fail "cannot look into $image"
  [[ -z "$missing" ]] || fail "$image lacks what the $deployment's settings name: $(one_line <<<"$missing")"
}

check_image_user() {
  local image=$1 user
  user="$(podman image inspect --format '{{.Config.User}}' "$image")"
  [[ -n "$user" && "${user%%:*}" != 0 && "${user%%:*}" != root ]] || fail "$image runs as '${user:-root}', not as a non-root user"
}

# stt-api: its readinessProbe ... did not pass, and why: what the container listens on, or its last answer.
probe_failure() {
  local deployment=$1 kind=$2 path=$3 port=$4 declared=$5 code=$6 container pid listening
  container="$(pod_field "$deployment" .container)"
  pid="$(podman inspect --format '{{.State.Pid}}' "$container" 2>/dev/null)"
  listening="$(stt_pods_listening "$pid" | tr '\n' ' ')"
  local why
  why="the last answer was HTTP $code: $(stt_pods_last_body | head -c 1000 | tr -s ' \n' ' ')"
  if [[ "$code" == 000 ]]; then
    why="nothing answers on port $port; the container listens on ${listening:-no port}"
  fi
  fail "$deployment: its $kind (GET $path on port $port, \"$declared\" in the chart) did not pass within ${READY_TIMEOUT} s: ${why% }"
}

container_running() {
  [[ "$(podman inspect --format '{{.State.Status}}' "$1" 2>/dev/null)" == running ]]
}

# Polls each probe of a Deployment, in the kubelet's order: startup, then readiness and liveness.
await_probes() {
  local deployment=$1 container deadline kind path port declared timeout code
  container="$(pod_field "$deployment" .container)"
  deadline=$((SECONDS + READY_TIMEOUT))
  while IFS=$'\t' read -r kind path port declared timeout; do
    while true; do
      container_running "$container" ||
        fail "$deployment: its container $container is not running ($(podman inspect --format '{{.State.Status}} (exit code {{.State.ExitCode}})' "$container" 2>&1))"
      code="$(stt_pods_http "$port" "$path" "$timeout")"
      ((code >= 200 && code < 400)) && break
      ((SECONDS >= deadline)) && probe_failure "$deployment" "$kind" "$path" "$port" "$declared" "$code"
      sleep 1
    done
    stt_info "$deployment: $kind passes (GET $path on $port: $code)"
  done < <(jq -r --arg d "$deployment" '.[] | select(.deployment == $d) | .probes
            | sort_by({"startupProbe": 0, "readinessProbe": 1, "livenessProbe": 2}[.kind])[]
            | "\(.kind)\t\(.path)\t\(.port)\t\(.declaredPort)\t\(.timeoutSeconds)"' "$PODS")
}

check_environment() {
  local deployment=$1 container given name missing=()
  container="$(pod_field "$deployment" .container)"
  given="$(podman inspect --format '{{range .Config.Env}}{{println .}}{{end}}' "$container" | cut -d= -f1)"
  while IFS= read -r name; do
    grep -qx -- "$name" <<<"$given" || missing+=("$name")
  done < <(pod_field "$deployment" '.env[]')
  ((${#missing[@]} == 0)) || fail "$deployment: the pod lacks variables the chart sets: ${missing[*]}"
}

check_user_and_filesystem() {
  local deployment=$1 container user expected mount
  container="$(pod_field "$deployment" .container)"
  expected="$(pod_field "$deployment" .runAsUser)"
  user="$(podman exec "$container" id -u </dev/null)"
  [[ "$user" == "$expected" && "$user" != 0 ]] || fail "$deployment: runs as user $user, the chart says $expected"
  if [[ "$(pod_field "$deployment" .readOnlyRootFilesystem)" == true ]]; then
    ! podman exec "$container" sh -c ': >/.stt-write-test' </dev/null 2>/dev/null ||
      fail "$deployment: its root filesystem is writable, the chart says read-only"
  fi
  while IFS= read -r mount; do
    podman exec "$container" sh -c 'f="$1/.stt-write-test"; : >"$f" && rm -f "$f"' sh "$mount" </dev/null ||
      fail "$deployment: cannot write to $mount, where the service writes"
  done < <(pod_field "$deployment" '.writable[]')
}

# The running JVM's heap (from the service's own metrics) against the container's memory limit.
check_heap() {
  local deployment=$1 limit port heap
  limit="$(pod_field "$deployment" .memoryLimitBytes)"
  ((limit > 0)) || return 0
  port="$(pod_field "$deployment" '.ports[0]')"
  [[ "$(stt_pods_http "$port" /q/metrics 5)" == 200 ]] || fail "$deployment: no /q/metrics on port $port"
  heap="$(stt_pods_last_body | awk '/^jvm_memory_max_bytes\{area="heap"/ { sum += $NF } END { printf "%d", sum }')"
  ((heap > 0)) || fail "$deployment: no jvm_memory_max_bytes in /q/metrics on port $port"
  ((heap < limit)) || fail "$deployment: the JVM's heap may grow to $((heap >> 20)) MiB, beyond the container's limit of $((limit >> 20)) MiB"
  stt_info "$deployment: heap at most $((heap >> 20)) MiB within its $((limit >> 20)) MiB limit"
}

check_pod() {
  local deployment=$1 container missing script
  check_environment "$deployment"
  check_user_and_filesystem "$deployment"
  check_heap "$deployment"
  script="$(tools_check_script "$deployment")"
  if [[ -n "$script" ]]; then
    container="$(pod_field "$deployment" .container)"
    missing="$(podman exec "$container" sh -c "$script" </dev/null)"
    [[ -z "$missing" ]] || fail "$deployment: the pod lacks what its settings name: $(one_line <<<"$missing")"
  fi
  stt_info "$deployment: user $(pod_field "$deployment" .runAsUser), read-only root, writable $(pod_field "$deployment" '.writable | join(" ")'), every variable the chart sets"
}

api() {
  curl -sS --max-time 30 -H "X-API-Key: $API_KEY" "$@"
}

# The newest job went through the worker pod, by the job's own log; then it is deleted with its files.
check_worker_did_the_job() {
  local worker job lines
  worker="$(jq -r '.[] | select(.component == "worker") | .pod' "$PODS")"
  job="$(api "http://127.0.0.1:$API_PORT/api/v1/jobs?limit=1" | jq -r '.jobs[0].job_id // empty')"
  [[ -n "$job" ]] || fail "the API lists no job after the transcription"
  lines="$(api "http://127.0.0.1:$API_PORT/api/v1/jobs/$job/logs?limit=100" | jq -r '.lines[].message')"
  grep -q "transcribed by $worker " <<<"$lines" || fail "job $job was not transcribed by the worker pod $worker: $lines"
  stt_info "job $job: $(grep "transcribed by" <<<"$lines" | head -n 1)"
  [[ "$(api -o /dev/null -w '%{http_code}' -X DELETE "http://127.0.0.1:$API_PORT/api/v1/jobs/$job")" == 204 ]] ||
    fail "could not delete job $job through the API"
}

# --- the run -------------------------------------------------------------------------------------------

step "prerequisites"
[[ "$(id -u)" == 0 ]] || stt_die "scripts/test-deploy.sh runs podman, debootstrap and nsenter as root"
[[ -n "$TAG" ]] || stt_die "no appVersion in k8s/chart/stt/Chart.yaml"
STT_PG_DATABASES+=("$DEPLOY_DB")
STT_S3_BUCKETS+=("$DEPLOY_BUCKET")
stt_infra_up tests || stt_die "the local infrastructure could not be started"
stt_require_more_packages "${STT_PODS_PACKAGES[@]}" "${STT_IMAGE_PACKAGES[@]}" || exit 1
for module in src src-worker; do
  [[ -f "$ROOT/$module/target/quarkus-app/quarkus-run.jar" ]] ||
    stt_die "$module/target/quarkus-app is missing: run mvn install (or mvn package) first"
done

step "base image"
stt_pods_configure
# Whatever an earlier run that was killed outright left: its pods, relays and namespace.
stt_pods_down "$PLAY"
stt_base_image_ensure || exit 1

step "images"
stt_image_build Dockerfile.jvm api "localhost/stt-api:$TAG" || exit 1
stt_image_build Dockerfile.jvm worker "localhost/stt-worker:$TAG" || exit 1
# Dockerfile.native up to its runtime: the executable itself needs native-image, which this machine lacks.
stt_image_build Dockerfile.native api "localhost/stt-api-native-runtime:$TAG" runtime || exit 1
stt_image_build Dockerfile.native worker "localhost/stt-worker-native-runtime:$TAG" runtime || exit 1
podman image prune --force >/dev/null

step "render the chart (k8s/values/local-pods.yaml)"
rm -rf -- "$MANIFESTS"
cat >"$STT_PODS_RUN_DIR/run-values.yaml" <<VALUES
# Written by scripts/test-deploy.sh for one run.
image:
  tag: "$TAG"
postgresql:
  database: "$DEPLOY_DB"
redis:
  database: $DEPLOY_REDIS_DB
s3:
  bucket: "$DEPLOY_BUCKET"
secret:
  values:
    apiKeys: "$API_KEY"
VALUES
render_log="$STT_LOG_DIR/deploy-render.log"
if ! (cd -- "$ROOT" && mvn -B -ntp -q -Dstyle.color=never -f k8s/pom.xml test-compile exec:exec@podman-pods -Dschema-validator.skip=true \
  -Dstt.pods.out="$MANIFESTS" -Dstt.pods.values="$ROOT/k8s/values/local-pods.yaml,$STT_PODS_RUN_DIR/run-values.yaml") >"$render_log" 2>&1; then
  if [[ -s "$MANIFESTS/problems.txt" ]]; then
    sed 's/^/  /' "$MANIFESTS/problems.txt" >&2
  else
    stt_log_tail "$render_log"
  fi
  fail "the chart's manifests are not fit to run (above; log: ${render_log#"$ROOT"/})"
fi

step "the images against the chart's settings"
for deployment in $(deployments); do
  [[ "$(pod_field "$deployment" .component)" == worker ]] || continue
  for image in "localhost/stt-worker:$TAG" "localhost/stt-worker-native-runtime:$TAG"; do
    check_image_has_tools "$image" "$deployment"
  done
done
for image in api worker api-native-runtime worker-native-runtime; do
  check_image_user "localhost/stt-$image:$TAG"
done
stt_info "the worker images carry every program and model file the worker's settings name; all run as a non-root user"

step "pods (podman kube play)"
stt_pods_network_up "postgres:5432:$STT_PG_PORT" "redis:6379:$STT_REDIS_PORT" "s3:9000:$STT_S3_PORT" || exit 1
PODS_PLAYED=1
stt_pods_play "$MANIFESTS/secrets" "$PLAY" || exit 1
stt_info "pods: $(podman pod ps --format '{{.Name}}' | tr '\n' ' ')"

step "probes"
for deployment in $(deployments); do
  await_probes "$deployment"
done

step "the pods as the chart describes them"
for deployment in $(deployments); do
  check_pod "$deployment"
done

step "speech through the pods"
api_inner_port="$(jq -r '.[] | select(.component == "api") | .ports[0]' "$PODS")"
stt_pods_publish api "$api_inner_port" "$API_PORT" || exit 1
(cd -- "$ROOT" && STT_URL="http://127.0.0.1:$API_PORT" STT_API_KEY="$API_KEY" mvn -B -ntp -q -Dstyle.color=never -pl e2e verify -De2e \
  -Dtest='TranscribeScriptE2ETest#theScriptPrintsATranscriptCloseToTheReference' -Dsurefire.failIfNoSpecifiedTests=false) ||
  fail "LibriVox speech was not transcribed through the pods (above)"
check_worker_did_the_job
