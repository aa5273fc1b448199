#!/usr/bin/env bash
# Agent Runtime in one command: builds on first use, then starts the API, the worker and embedded
# PostgreSQL, Redis, S3 and Temporal. Options: --demo, --exit, --api-port N, --worker-port N.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/jdk.sh

scripts/build-if-stale.sh
launcher=standalone/target/agent-runtime-standalone.jar
exec "$JAVA_HOME/bin/java" \
  -Dagent-runtime.api.app=api/target/quarkus-app/quarkus-run.jar \
  -Dagent-runtime.worker.app=worker/target/quarkus-app/quarkus-run.jar \
  -jar "$launcher" "$@"
