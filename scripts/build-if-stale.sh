#!/usr/bin/env bash
# Builds the packaged API, worker and launcher (./mvnw package, no tests) when one is missing or
# a source, pom or config file is newer than the launcher jar. Used by ./standalone.sh and
# scripts/bench.sh; run from the repository root.
set -euo pipefail
launcher=standalone/target/agent-runtime-standalone.jar
stale() {
  [ ! -f "$launcher" ] || [ ! -f api/target/quarkus-app/quarkus-run.jar ] \
    || [ ! -f worker/target/quarkus-app/quarkus-run.jar ] \
    || [ -n "$(find core embedded api worker standalone pom.xml -newer "$launcher" \
         \( -name '*.java' -o -name '*.xml' -o -name '*.properties' -o -name '*.sql' -o -name '*.yaml' \) \
         -not -path '*/target/*' -print -quit)" ]
}
if stale; then
  echo "Building Agent Runtime (the first build downloads dependencies and takes a few minutes) ..." >&2
  ./mvnw -B -q -DskipTests -DskipITs package
fi
