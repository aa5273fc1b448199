#!/usr/bin/env bash
# Every test: formatting check, unit and Quarkus tests (embedded PostgreSQL, Redis, S3 and the
# in-memory Temporal test server), then end-to-end tests against the packaged API, worker and
# launcher on the real Temporal server (CLI dev server, built once by scripts/install-tools.sh),
# including the schemathesis contract run against the API's OpenAPI document (ApiContractIT).
set -euo pipefail
cd "$(dirname "$0")"
. scripts/jdk.sh
export AGENT_RUNTIME_TOOLS=${AGENT_RUNTIME_TOOLS:-$HOME/.cache/agent-runtime/tools}
scripts/install-tools.sh temporal minio schemathesis mcp-everything >/dev/null
exec ./mvnw -B verify "$@"
