#!/usr/bin/env bash
# Every test: formatting check, unit and Quarkus tests, then end-to-end tests against the packaged
# API, worker and launcher on real PostgreSQL, Redis, S3 (s3proxy) and the Temporal test server.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/jdk.sh
exec ./mvnw -B verify "$@"
