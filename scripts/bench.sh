#!/usr/bin/env bash
# Benchmarks of Agent Runtime against bare Temporal on the same real Temporal server, same machine,
# same run, on both servers in turn: the Temporal CLI dev server (SQLite; standalone mode's) and the
# production temporal-server on PostgreSQL (the compose stack's; with activity eager execution off,
# then the step phase again with it on): admission throughput and latency, step overhead (with a
# peer, DBOS Transact, on the same PostgreSQL), standalone start time and RSS, live events. Builds first when a source is newer than
# the packaged jars, then writes docs/benchmarks.md (or --output FILE). Options are passed to
# dev.agentruntime.benchmarks.BenchMain (the benchmarks module, which is not shipped: the launcher
# jar holds the launcher only), e.g.
#   scripts/bench.sh --requests 2000 --clients 16 --steps 5,10,20 --output /tmp/bench.md
# `--only admission` runs the admission phase alone and prints it (for profiling: JVM options such as a
# JFR recording reach the API through JDK_JAVA_OPTIONS); docs/benchmarks.md is left as it is.
# `--only steps` runs the step-overhead phase alone (on each `--server dev,postgres`, the production
# server once per `--eager-execution off,on`) and prints it with the CPU each process used per
# concurrent run (the profile behind the ratio); docs/benchmarks.md is left as it is.
# `--only agent-turns` measures instead the HTTP agent runtime's turns against the built-in loop's
# model calls and writes docs/benchmarks-agent-turns.md (about a minute after the build; needs the Python agent).
# `--only fairness` floods the worker from one tenant and times another tenant's next runs, fairness off then on,
# and writes docs/benchmarks-fairness.md (about five minutes after the build).
# `--only child-runs` measures a call that runs another agent as a child run against a write_artifact
# call of the same shape and writes docs/benchmarks-child-runs.md (about three minutes after the build).
# `--only peer` runs just the peer of the step-overhead phase (DBOS workflows of N no-op durable steps on
# a PostgreSQL of their own) and prints its figures; it writes no document.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh

scripts/install-tools.sh temporal temporal-server >/dev/null
# Only the agent-turns phase starts the Python reference agent; the full bench does not need it.
case " $* " in
  *" agent-turns "*) scripts/install-tools.sh python-agent >/dev/null ;;
esac

scripts/build-if-stale.sh benchmarks/target/agent-runtime-benchmarks.jar

# Its manifest puts benchmarks/target/lib/*.jar (the launcher's classes among them) on the class path.
exec "$JAVA_HOME/bin/java" -jar benchmarks/target/agent-runtime-benchmarks.jar \
  --command "scripts/bench.sh${*:+ $*}" "$@"
