#!/usr/bin/env bash
# Runs the Python reference agent against a running standalone stack (./standalone.sh in another
# terminal): installs the agent's venv (scripts/install-tools.sh python-agent), starts the agent,
# publishes an http-runtime version that offers it a write_artifact tool, runs it and prints the
# run's status, the agent's answer, its timeline and artifacts. Stops the agent on exit.
#
# Usage: examples/python-agent/try-it.sh [--mcp] [topic]    (--help prints this)
#   --mcp  also starts the reference MCP server (server-everything from npm, installed by
#          scripts/install-tools.sh mcp-everything) and offers the agent its `echo` tool through an
#          `mcp` tool entry: an MCP-backed agent, whose MCP call the kernel makes, pins and checks.
# Environment: AR (API URL; default the address in the stack's env.sh, else http://localhost:8080),
# AGENT_RUNTIME_HOME (the stack's home, default .standalone; its tokens/ are read), AGENT_PORT
# (default 8765), MCP_PORT (default 3001).
set -euo pipefail
case "${1:-}" in
  -h | --help)
    sed -n '2,/^set -euo/p' "$0" | grep '^#' | cut -c3-
    exit 0
    ;;
esac
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HOME_DIR=$(cd "$ROOT" && mkdir -p "${AGENT_RUNTIME_HOME:-.standalone}" && cd "${AGENT_RUNTIME_HOME:-.standalone}" && pwd)
# The stack's own address (env.sh, written by standalone.sh) unless AR says otherwise.
if [ -z "${AR:-}" ] && [ -f "$HOME_DIR/env.sh" ]; then
  AR=$(. "$HOME_DIR/env.sh" && echo "$AR")
fi
AR=${AR:-http://localhost:8080}
curl -sS -o /dev/null --max-time 5 "$AR/q/health/live" 2>/dev/null || {
  echo "the API at $AR does not answer: start the stack (./standalone.sh) or set AR to its address" >&2
  exit 1
}
AGENT_PORT=${AGENT_PORT:-8765}
MCP_PORT=${MCP_PORT:-3001}
MCP=
if [ "${1:-}" = --mcp ]; then MCP=yes; shift; fi
TOPIC=${1:-durable execution}
TOKENS=$HOME_DIR/tokens
[ -f "$TOKENS/demo.jwt" ] || {
  echo "no tokens under $TOKENS: start the stack first (./standalone.sh) or set AGENT_RUNTIME_HOME" >&2
  exit 1
}
ADMIN=$(cat "$TOKENS/platform-admin.jwt")
TOKEN=$(cat "$TOKENS/demo.jwt")

BIN=$("$ROOT/scripts/install-tools.sh" python-agent)
DATA=$HOME_DIR/python-agent
mkdir -p "$DATA"
"$BIN/python-agent-python" "$ROOT/examples/python-agent/agent.py" \
  --host 127.0.0.1 --port "$AGENT_PORT" --data-dir "$DATA" >"$DATA/stdout.log" 2>"$DATA/agent.log" &
AGENT_PID=$!
PIDS=$AGENT_PID
trap 'kill $PIDS 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  grep -q '^listening on' "$DATA/stdout.log" 2>/dev/null && break
  kill -0 $AGENT_PID 2>/dev/null || { echo "the agent did not start; see $DATA/agent.log" >&2; exit 1; }
  sleep 0.1
done
echo "python agent: $(head -1 "$DATA/stdout.log")"

TOOLS='{"name":"save_note","kind":"write_artifact","description":"Saves a note as an artifact of this run"}'
NAME=python-notes
if [ -n "$MCP" ]; then
  "$ROOT/scripts/install-tools.sh" mcp-everything >/dev/null
  PORT=$MCP_PORT "$BIN/mcp-everything" >"$DATA/mcp.log" 2>&1 &
  PIDS="$PIDS $!"
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "http://127.0.0.1:$MCP_PORT/mcp" && break
    sleep 0.1
  done
  echo "mcp server: server-everything on http://127.0.0.1:$MCP_PORT/mcp"
  # The kernel reaches the MCP server under the entry's egress rules: a loopback address must be
  # named as an IP literal to be allowed.
  TOOLS="$TOOLS,{\"name\":\"everything\",\"kind\":\"mcp\",\"url\":\"http://127.0.0.1:$MCP_PORT/mcp\",\"allowedTools\":[\"echo\"],\"egressAllowlist\":[\"http://127.0.0.1:$MCP_PORT\"]}"
  NAME=python-notes-mcp
fi

api() { # METHOD PATH [JSON]: prints the body, fails on a 4xx/5xx other than 409
  local out status
  out=$(mktemp)
  status=$(curl -sS -o "$out" -w '%{http_code}' -X "$1" "$AR$2" -H "Authorization: Bearer ${API_TOKEN:-$TOKEN}" \
    -H 'Content-Type: application/json' ${3:+-d "$3"})
  cat "$out"; rm -f "$out"
  if [ "$status" -ge 400 ] && [ "$status" != 409 ]; then echo >&2; echo "$1 $2 answered $status" >&2; exit 1; fi
}
field() { grep -o "\"$1\":\"[^\"]*\"" | head -1 | cut -d'"' -f4; }

API_TOKEN=$ADMIN api POST /v1/tenants '{"id":"demo","displayName":"Demo"}' >/dev/null
api POST /v1/agents "{\"name\":\"$NAME\"}" >/dev/null
AGENT=$(api GET /v1/agents | grep -o "\"id\":\"[^\"]*\",\"name\":\"$NAME\"" | cut -d'"' -f4)
[ -n "$AGENT" ] || { echo "agent $NAME not found" >&2; exit 1; }
SPEC="{\"runtime\":{\"type\":\"http\",\"endpoint\":\"http://127.0.0.1:$AGENT_PORT/\"},\"instructions\":\"You write notes.\",\"tools\":[$TOOLS],\"retry\":{\"maxAttempts\":8,\"initialIntervalMillis\":500}}"
VERSION=$(api POST "/v1/agents/$AGENT/versions" "{\"spec\":$SPEC}" | grep -o '"version":[0-9]*' | head -1)
echo "published $NAME version ${VERSION#\"version\":} (runtime http)"
RUN=$(api POST /v1/runs "{\"agentName\":\"$NAME\",\"input\":{\"topic\":\"$TOPIC\"}}" | field id)
echo "run $RUN"
STATUS=
for _ in 1 2 3 4; do # a long poll: the API answers as soon as the run has ended
  STATUS=$(api GET "/v1/runs/$RUN?waitSeconds=30" | field status)
  case $STATUS in succeeded|failed|timed_out|cancelled) break ;; esac
done
echo "status: $STATUS"
if [ "$STATUS" = succeeded ]; then
  echo "answer:"
  api GET "/v1/runs/$RUN/artifacts/output/content" | sed 's/^/  /'
  echo
fi
echo "timeline:"
api GET "/v1/runs/$RUN/events" | grep -o '"type":"[^"]*"' | cut -d'"' -f4 | sed 's/^/  /'
echo "artifacts (output and the note the agent had the kernel write):"
api GET "/v1/runs/$RUN/artifacts" | grep -o '"name":"[^"]*","contentType":"[^"]*","sizeBytes":[0-9]*' \
  | sed 's/"name":"\([^"]*\)","contentType":"\([^"]*\)","sizeBytes":\([0-9]*\)/  \1 (\2, \3 bytes)/'
echo "tool calls:"
api GET "/v1/runs/$RUN/events" | grep -o '"type":"tool.call.[a-z]*","payload":{[^}]*}' \
  | sed 's/"type":"\(tool.call.[a-z]*\)","payload":/  \1 /'
[ "$STATUS" = succeeded ]
