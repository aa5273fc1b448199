#!/usr/bin/env bash
# Runs the Python reference agent against a running standalone stack (./standalone.sh in another
# terminal): installs the agent's venv and the Python SDK's (scripts/install-tools.sh python-agent
# python-sdk), starts the agent, publishes an http-runtime version that offers it a write_artifact
# tool, runs it and prints the run's status, the agent's answer, its timeline and artifacts (the API
# calls are made with the SDK, by try_it.py). Stops the agent on exit.
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

BIN=$("$ROOT/scripts/install-tools.sh" python-agent python-sdk)
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

# The API calls, through the Python SDK (clients/python): examples/python-agent/try_it.py.
AR=$AR ADMIN=$ADMIN TOKEN=$TOKEN NAME=$NAME TOOLS="[$TOOLS]" AGENT_PORT=$AGENT_PORT TOPIC=$TOPIC \
  "$BIN/python-sdk-python" "$ROOT/examples/python-agent/try_it.py"
