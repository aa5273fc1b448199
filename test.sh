#!/usr/bin/env bash
# Every test: formatting check, unit and Quarkus tests (embedded PostgreSQL, Redis, S3 and the
# in-memory Temporal test server), then end-to-end tests against the packaged API, worker and
# launcher on the real Temporal server (CLI dev server, built once by scripts/install-tools.sh; the
# fault tier's core cases also on the production server on PostgreSQL, built the same way),
# including the schemathesis contract run against the API's OpenAPI document (ApiContractIT) and the
# OIDC system test against a real Keycloak with auth/keycloak-realm.json (KeycloakIT). The
# Python reference agent's unit tests (examples/python-agent/tests), the AWS deployment's checks
# (scripts/check-infra.sh: tofu fmt, checkov, structural tests of infra/opentofu) and the static
# container checks (scripts/check-containers.sh: hadolint, compose config, structural tests) run
# first. Last, the compose stack runs for real on podman (docker/local/run-stack.sh): images built,
# stack up, the demo, a stop and start, the data checked.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/jdk.sh
export AGENT_RUNTIME_TOOLS=${AGENT_RUNTIME_TOOLS:-$HOME/.cache/agent-runtime/tools}
BIN=$(scripts/install-tools.sh temporal temporal-server minio schemathesis python-agent mcp-everything keycloak jaeger local-kms \
  tofu checkov container-tools docker-compose webhook-receiver browser-test python-sdk)
# The Python reference agent's own tests (a real agent process on a free port; about 10 s).
"$BIN/python-agent-python" -m unittest discover -s examples/python-agent/tests -v
# The Python SDK's unit tests (models generated from the OpenAPI document, errors, retries, SSE
# resume on a local server) and its wheel: about 15 s.
"$BIN/python-sdk-python" -m pytest -q clients/python/tests
"$BIN/python-sdk-python" -m build --wheel --no-isolation --outdir clients/python/dist clients/python >/dev/null
# The AWS deployment (infra/opentofu), without AWS: about 15 s.
scripts/check-infra.sh
# The Dockerfiles and compose files, without running anything: seconds.
scripts/check-containers.sh
# Two module builds at once: the API's and the worker's tests need each other's nothing, and
# together take most of the unit tier.
./mvnw -B -T 2 verify "$@"
# The compose stack on podman with the images just packaged: about 5 minutes, 10 the first time.
docker/local/run-stack.sh
