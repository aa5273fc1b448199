#!/usr/bin/env bash
# The README's first run as one command, against a running standalone stack (./standalone.sh in
# another terminal): creates the tenant `demo`, the agent `notes` and its version (the offline demo
# model), starts a run with the Idempotency-Key `my-first-run`, waits for its end and prints its
# status and answer. Rerunnable on the same home: what exists already is found, not created again
# (the tenant's and the agent's 409, an unchanged version's 200), and the key answers the same run.
#
# Usage: examples/first-run.sh [message]    (--help prints this)
#   message  what the run is asked (default "Hello, durable world"); another message is another
#            request, so it gets its own Idempotency-Key and its own run.
# Environment: AGENT_RUNTIME_HOME (the stack's home, default .standalone): its env.sh, written by
# standalone.sh, gives AR (the API) and the dev tokens ADMIN and TOKEN; AR set beforehand wins.
set -euo pipefail
case "${1:-}" in
  -h | --help)
    sed -n '2,/^set -euo/p' "$0" | grep '^#' | cut -c3-
    exit 0
    ;;
esac
ROOT=$(cd "$(dirname "$0")/.." && pwd)
HOME_DIR=$(cd "$ROOT" && cd "${AGENT_RUNTIME_HOME:-.standalone}" 2>/dev/null && pwd) || {
  echo "no stack home at ${AGENT_RUNTIME_HOME:-$ROOT/.standalone}: start the stack (./standalone.sh) or set AGENT_RUNTIME_HOME" >&2
  exit 1
}
[ -f "$HOME_DIR/env.sh" ] || {
  echo "no $HOME_DIR/env.sh: start the stack (./standalone.sh) first, it writes it" >&2
  exit 1
}
GIVEN_AR=${AR:-}
. "$HOME_DIR/env.sh"
AR=${GIVEN_AR:-$AR}
curl -sS -o /dev/null --max-time 5 "$AR/q/health/live" 2>/dev/null || {
  echo "the API at $AR does not answer: start the stack (./standalone.sh) or set AR to its address" >&2
  exit 1
}
MESSAGE=${1:-Hello, durable world}
KEY=my-first-run
[ "$MESSAGE" = "Hello, durable world" ] || KEY="my-first-run-$(printf '%s' "$MESSAGE" | sha256sum | cut -c1-16)"

# METHOD PATH TOKEN EXPECTED [curl options...]: the answer's body in BODY and headers in HEADERS;
# fails, saying what was answered, on a status not in EXPECTED.
api() {
  local method=$1 path=$2 token=$3 expected=$4 status
  shift 4
  status=$(curl -sS -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' -X "$method" "$AR$path" \
    -H "Authorization: Bearer $token" "$@")
  BODY=$(cat "$WORK/body")
  HEADERS=$(tr -d '\r' <"$WORK/headers")
  if ! [[ " $expected " == *" $status "* ]]; then
    echo "$method $path answered $status (expected $expected): $BODY" >&2
    exit 1
  fi
}
field() { grep -o "\"$1\":\"[^\"]*\"" <<<"$BODY" | head -1 | cut -d'"' -f4; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
JSON=(-H 'Content-Type: application/json')

api POST /v1/tenants "$ADMIN" "201 409" "${JSON[@]}" -d '{"id":"demo","displayName":"Demo"}'
# A new agent's id is in its Location, and so is an existing one's (its 409 names it).
api POST /v1/agents "$TOKEN" "201 409" "${JSON[@]}" -d '{"name":"notes"}'
AGENT=$(sed -n 's|^[Ll]ocation: .*/v1/agents/||p' <<<"$HEADERS")
[ -n "$AGENT" ] || { echo "POST /v1/agents named no agent in its Location" >&2; exit 1; }
# 201 a new version; 200 when the latest one is this spec already.
api POST "/v1/agents/$AGENT/versions" "$TOKEN" "200 201" "${JSON[@]}" \
  -d @"$HOME_DIR/examples/demo-agent-version.json"
echo "agent notes ($AGENT), version $(grep -o '"version":[0-9]*' <<<"$BODY" | head -1 | cut -d: -f2)"
api POST /v1/runs "$TOKEN" 202 "${JSON[@]}" -H "Idempotency-Key: $KEY" \
  -d "{\"agentName\":\"notes\",\"input\":{\"message\":\"${MESSAGE//\"/\\\"}\"}}"
RUN=$(field id)
if grep -qi '^idempotent-replayed: true' <<<"$HEADERS"; then
  echo "run $RUN (started before with the Idempotency-Key $KEY: the same run)"
else
  echo "run $RUN"
fi
STATUS=
for _ in 1 2 3 4; do # a long poll: the API answers as soon as the run has ended
  api GET "/v1/runs/$RUN?waitSeconds=30" "$TOKEN" 200
  STATUS=$(field status)
  case $STATUS in succeeded | failed | timed_out | cancelled) break ;; esac
done
echo "status: $STATUS"
[ "$STATUS" = succeeded ] || exit 1
api GET "/v1/runs/$RUN/artifacts/output/content" "$TOKEN" 200
echo "answer:"
sed 's/^/  /' <<<"$BODY"
