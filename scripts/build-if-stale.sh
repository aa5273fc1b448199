#!/usr/bin/env bash
# Builds the packaged API, worker, launcher and benchmarks (./mvnw package, no tests) when one is
# missing or a source, pom, config file or report template is newer than the jar asked for (default
# the launcher's; scripts/bench.sh asks for the benchmarks jar). Used by ./standalone.sh and
# scripts/bench.sh; run from the repository root.
set -euo pipefail
jar=${1:-standalone/target/agent-runtime-standalone.jar}
# The launcher depends on neither the benchmarks nor the testkit: their sources make only the
# benchmarks jar stale (the system tests build nothing these scripts run).
sources="core embedded api worker standalone"
case "$jar" in benchmarks/*) sources="$sources testkit benchmarks" ;; esac
stale() {
  [ ! -f "$jar" ] || [ ! -f standalone/target/agent-runtime-standalone.jar ] \
    || [ ! -f api/target/quarkus-app/quarkus-run.jar ] \
    || [ ! -f worker/target/quarkus-app/quarkus-run.jar ] \
    || [ -n "$(find $sources pom.xml -newer "$jar" \
         \( -name '*.java' -o -name '*.xml' -o -name '*.properties' -o -name '*.sql' -o -name '*.yaml' \
            -o -path 'benchmarks/src/main/resources/*.md' -o -path 'api/src/main/resources/META-INF/resources/*' \) \
         -not -path '*/target/*' -print -quit)" ]
}
if stale; then
  echo "Building Agent Runtime (the first build downloads dependencies and takes a few minutes) ..." >&2
  ./mvnw -B -q -DskipTests -DskipITs package
fi
