#!/usr/bin/env bash
# Fuzzes a running API against its own OpenAPI document (GET BASE_URL/q/openapi) with schemathesis
# and every one of its checks; exits non-zero when any check fails. ApiContractIT runs it against
# the packaged API; it works as well against ./standalone.sh, with .standalone/tokens/demo.jwt
# (agent-admin, runner, viewer: the tenant operations are then refused with 403; docs/api.md#fuzzing).
#
# Usage: scripts/api-contract.sh BASE_URL TOKEN [extra `st run` args]
#   BASE_URL  the API's root, e.g. http://127.0.0.1:8080
#   TOKEN     a bearer token of a member of an existing tenant; with platform-admin, agent-admin,
#             runner and viewer (as ApiContractIT mints it) no operation is refused for want of a
#             role
# Environment:
#   API_CONTRACT_PEER_TOKEN  optional: the same kind of token for a second tenant. With it the
#                            object_level_authorization check runs too: schemathesis replays the
#                            first tenant's reads of its own objects as the second tenant, and
#                            fails if the second one gets them (the API must answer 404).
#                            Without it that check has no peer and passes vacuously.
#   API_CONTRACT_REPORT_DIR  where the JUnit XML and NDJSON event reports go
#                            (default target/api-contract)
#   AGENT_RUNTIME_TOOLS      the tools dir of scripts/install-tools.sh (st is taken from its bin/)
#   ST                       another schemathesis binary to run instead
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 BASE_URL TOKEN [extra st run args]" >&2
  exit 2
fi
base_url=${1%/}
token=$2
shift 2

here=$(cd "$(dirname "$0")" && pwd)
tools=${AGENT_RUNTIME_TOOLS:-$HOME/.cache/agent-runtime/tools}
st=${ST:-$tools/bin/st}
if [ ! -x "$st" ]; then
  echo "schemathesis not found at $st: run scripts/install-tools.sh schemathesis" >&2
  exit 2
fi
report_dir=${API_CONTRACT_REPORT_DIR:-target/api-contract}
mkdir -p "$report_dir"

config=$here/schemathesis.toml
auth=(-H "Authorization: Bearer $token")
if [ -n "${API_CONTRACT_PEER_TOKEN:-}" ]; then
  # Two identities need a Web Fuzzing Commons auth document (schemathesis has no flag for a second
  # header) and the config naming them as peers. Both hold tokens: a private directory, removed
  # on exit. Requests go as "tenant" (the first entry); "peer-tenant" only replays reads.
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  printf '{"auth": [%s, %s]}\n' \
    "{\"name\": \"tenant\", \"fixedHeaders\": [{\"name\": \"Authorization\", \"value\": \"Bearer $token\"}]}" \
    "{\"name\": \"peer-tenant\", \"fixedHeaders\": [{\"name\": \"Authorization\", \"value\": \"Bearer $API_CONTRACT_PEER_TOKEN\"}]}" \
    > "$work/auth.json"
  { cat "$config"; printf '\n[auth.wfc]\npath = "%s"\npeers = ["tenant", "peer-tenant"]\n' "$work/auth.json"; } \
    > "$work/schemathesis.toml"
  config=$work/schemathesis.toml
  auth=()
fi

# Flags (the config file holds what the command line cannot say; see the comments there):
# --checks all           every check schemathesis has: not_a_server_error, status_code_,
#                        content_type_, response_headers_, response_schema_ and
#                        allow_header_conformance, negative_data_rejection,
#                        positive_data_acceptance, missing_required_header, unsupported_method,
#                        ignored_auth, use_after_free, ensure_resource_availability and
#                        object_level_authorization.
# --phases ...           all four, named so a change of defaults cannot drop one: examples
#                        (schema examples), coverage (boundary and edge values of every parameter,
#                        negative ones included), fuzzing (random positive and negative data) and
#                        stateful (create -> read chains through the links schemathesis infers,
#                        where use_after_free and ensure_resource_availability bite).
# --mode all             positive and negative data (the default, stated for the reader).
# --max-examples 50      per operation and phase: about half a minute on two shared cores, and
#                        the default 100 found no other failure on this API.
# --seed 20260101        the same cases on every run, so a failure reproduces and a fix shows.
# --generation-database none
#                        no example database carried between runs: the seed alone decides.
# --workers 1            one request at a time: a deterministic order, light on the machine.
# --continue-on-failure  keep going in a scenario after its first failure, so one run lists all.
# --request-timeout 10   a request the API does not answer in 10 s is a failure, not a hang.
# --exclude-operation-id deleteTenant
#                        the stateful phase finds the run's own tenant id in answers and would
#                        delete it, after which every operation answers 403 and tests nothing;
#                        TenantDeletionTest holds that operation's answers.
rc=0
"$st" --config-file "$config" run "$base_url/q/openapi" \
  --url "$base_url" \
  --checks all \
  --phases examples,coverage,fuzzing,stateful \
  --mode all \
  --max-examples 50 \
  --seed 20260101 \
  --generation-database none \
  --workers 1 \
  --continue-on-failure \
  --request-timeout 10 \
  --exclude-operation-id deleteTenant \
  ${auth[@]+"${auth[@]}"} \
  --report junit,ndjson \
  --report-junit-path "$report_dir/schemathesis-junit.xml" \
  --report-ndjson-path "$report_dir/schemathesis-events.ndjson" \
  --no-color \
  "$@" || rc=$?
exit "$rc"
