#!/usr/bin/env bash
# Agent Runtime in one command: builds on first use, then starts the API, the worker and embedded
# PostgreSQL, Redis, S3 and Temporal. Options: --demo, --exit, --api-port N, --worker-port N.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/jdk.sh

launcher=standalone/target/agent-runtime-standalone.jar
stale() {
  [ ! -f "$launcher" ] || [ ! -f api/target/quarkus-app/quarkus-run.jar ] \
    || [ ! -f worker/target/quarkus-app/quarkus-run.jar ] \
    || [ -n "$(find core embedded api worker standalone pom.xml -newer "$launcher" \
         \( -name '*.java' -o -name '*.xml' -o -name '*.properties' -o -name '*.sql' \) \
         -not -path '*/target/*' -print -quit)" ]
}
if stale; then
  echo "Building Agent Runtime (the first build downloads dependencies and takes a few minutes) ..."
  ./mvnw -B -q -DskipTests -DskipITs package
fi
exec "$JAVA_HOME/bin/java" \
  -Dagent-runtime.api.app=api/target/quarkus-app/quarkus-run.jar \
  -Dagent-runtime.worker.app=worker/target/quarkus-app/quarkus-run.jar \
  -jar "$launcher" "$@"
