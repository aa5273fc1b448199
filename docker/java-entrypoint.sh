#!/bin/sh
# Starts the packaged Quarkus app. `exec` makes the JVM the process that receives the container's
# SIGTERM, so Quarkus shuts down in order (the worker drains its in-flight activities first).
# JAVA_OPTS holds the image's container flags; JAVA_OPTS_APPEND is for the operator.
# shellcheck disable=SC2086 # the option strings are meant to split into words
exec java $JAVA_OPTS $JAVA_OPTS_APPEND -jar /opt/agent-runtime/quarkus-run.jar "$@"
