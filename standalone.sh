#!/usr/bin/env bash
# Agent Runtime in one command: builds on first use, then starts the API, the worker and embedded
# PostgreSQL, Redis, S3 and the Temporal server (built from its Go module on first use when Go is
# installed), keeping their data under AGENT_RUNTIME_HOME (default .standalone/). The launcher
# restarts a worker or API that dies and takes the stack down with it however it ends.
# Options: --fresh (delete the kept data first), --demo, --exit, --api-port N, --worker-port N.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/jdk.sh

scripts/build-if-stale.sh
launcher=standalone/target/agent-runtime-standalone.jar
exec "$JAVA_HOME/bin/java" \
  -Dagent-runtime.api.app=api/target/quarkus-app/quarkus-run.jar \
  -Dagent-runtime.worker.app=worker/target/quarkus-app/quarkus-run.jar \
  -jar "$launcher" "$@"
