#!/usr/bin/env bash
# Runs every test: the modules' tests (mvn install) against real PostgreSQL, Redis and S3Proxy,
# the restart test of scripts/run-local.sh on a private stack, then the end-to-end tests against
# the whole stack started by scripts/run-local.sh (the recovery tests among them run a private
# Redis and PostgreSQL of their own, which they restart), OpenAI's Node SDK, unmodified, against the same stack
# (e2e/openai-sdk), and last the deployment: container images and the Helm chart's workloads run as pods
# (scripts/test-deploy.sh).
#
#   scripts/test.sh [MAVEN ARGS...]     e.g. scripts/test.sh -Dtest=JobResourceTest
#
# Maven arguments apply to the first stage (mvn install). Stops at the end what it started.
set -euo pipefail

ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)"
# shellcheck source=scripts/lib/stack.sh
source "$ROOT/scripts/lib/stack.sh"
# shellcheck source=scripts/lib/services.sh
source "$ROOT/scripts/lib/services.sh"

# Dev Services would look for Docker, which these machines do not have.
export QUARKUS_DEVSERVICES_ENABLED="${QUARKUS_DEVSERVICES_ENABLED:-false}"

STAGE="start"
STACK_STARTED=0

stage() {
  STAGE=$1
  printf '\n==== stage: %s ====\n' "$STAGE"
}

finish() {
  local rc=$?
  set +e
  # run-local.sh shows its own logs when the stack fails to start; e2e failures need them here.
  if ((rc != 0)) && [[ "$STAGE" == end-to-end* || "$STAGE" == OpenAI* ]]; then
    local log
    for log in "$STT_LOG_DIR"/api.log "$STT_LOG_DIR"/worker-*.log; do
      [[ -f "$log" ]] && stt_log_tail "$log" 40
    done
  fi
  printf '\n==== stage: teardown ====\n'
  ((STACK_STARTED)) && stt_services_stop_all
  # Only what this run started: a stack the developer had running stays up.
  ((${#STT_STARTED_HERE[@]} > 0)) && stt_infra_down "${STT_STARTED_HERE[@]}"
  if ((rc == 0)); then
    printf '\nscripts/test.sh: all stages passed\n'
  else
    printf '\nscripts/test.sh: FAILED in stage "%s" (exit %s)\n' "$STAGE" "$rc" >&2
  fi
  exit "$rc"
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

stage "prerequisites and infrastructure"
stt_infra_up tests

# API and workers from an earlier scripts/run-local.sh run old code, and would hold the ports
# the tests use.
running="$(stt_services_running | tr '\n' ' ')"
if [[ -n "$running" ]]; then
  stt_info "stopping ${running% } from an earlier scripts/run-local.sh; the tests need fresh builds"
  stt_services_stop_all
fi

stage "build and module tests (mvn install)"
# install = verify, then copy the artifacts to ~/.m2: Maven 3.8 resolves the e2e module's
# dependencies (stt-common's test fixtures) from there when it runs alone with -pl e2e.
(cd -- "$ROOT" && mvn -B -ntp install "$@")

stage "run-local.sh brings back what died (scripts/tests/run-local-restart.sh)"
"$ROOT/scripts/tests/run-local-restart.sh"

stage "local stack (scripts/run-local.sh)"
STACK_STARTED=1
# The stack runs as a deployment would: API keys required, JSON logs (read by the request-id test).
E2E_API_KEY="e2e-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
# The suite submits a few dozen jobs within minutes: a CI-sized rate limit.
STT_API_KEYS="$E2E_API_KEY" STT_RATE_LIMIT_RPM=600 STT_LOG_JSON=true STT_WORKERS=2 STT_SKIP_BUILD=1 "$ROOT/scripts/run-local.sh"

stage "end-to-end tests (mvn -pl e2e verify -De2e)"
if [[ -f "$ROOT/e2e/pom.xml" ]]; then
  (cd -- "$ROOT" && STT_URL=http://localhost:8080 STT_API_KEY="$E2E_API_KEY" STT_LOG_DIR="$STT_LOG_DIR" mvn -B -ntp -pl e2e verify -De2e)
else
  stt_warn "no e2e module (e2e/pom.xml) yet: end-to-end tests skipped; the stack started and became ready"
fi

stage "OpenAI SDK tests (e2e/openai-sdk: npm ci, node --test)"
# OpenAI's official Node SDK (package-lock.json) pointed at the stack; it starts one API process of its own (small
# upload and rate limits) from the jar the build made, on a free port, against the same infrastructure.
(cd -- "$ROOT/e2e/openai-sdk" && npm ci --no-audit --no-fund && STT_URL=http://localhost:8080 STT_API_KEY="$E2E_API_KEY" npm test)

stage "deployment: images, chart and pods (scripts/test-deploy.sh)"
# The stack's services are done with; the pods get the machine.
stt_services_stop_all
STACK_STARTED=0
"$ROOT/scripts/test-deploy.sh"
