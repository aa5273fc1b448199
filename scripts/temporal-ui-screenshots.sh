#!/usr/bin/env bash
# Reproduces the screenshots of docs/temporal-ui.md: the real Temporal dev server with its Web UI,
# the standalone stack pointed at it, runs of two tenants, then headless Chromium on the UI.
# Needs the Temporal CLI (scripts/install-tools.sh temporal) and Debian's chromium.
# Usage: scripts/temporal-ui-screenshots.sh [OUTPUT_DIR]  (default docs/images)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
OUT=${1:-docs/images}
mkdir -p "$OUT"
TEMPORAL=$(scripts/install-tools.sh temporal)/temporal
command -v chromium >/dev/null || { echo "install chromium (apt-get install -y chromium)" >&2; exit 1; }
scripts/build-if-stale.sh
STATE=$(mktemp -d)
export AGENT_RUNTIME_HOME=$STATE/home
TPORT=37233 UIPORT=38233 API=38100 WORKER=38101
"$TEMPORAL" server start-dev --db-filename "$STATE/temporal.db" --ip 127.0.0.1 --port $TPORT \
  --ui-port $UIPORT --namespace default --log-level warn > "$STATE/temporal.log" 2>&1 &
TEMPORAL_PID=$!
trap 'kill -TERM ${LAUNCHER_PID:-} $TEMPORAL_PID 2>/dev/null; wait 2>/dev/null; rm -rf "$STATE"' EXIT
sleep 5
AGENT_RUNTIME_TEMPORAL_TARGET=127.0.0.1:$TPORT "$JAVA_HOME/bin/java" \
  -Dagent-runtime.api.app=api/target/quarkus-app/quarkus-run.jar \
  -Dagent-runtime.worker.app=worker/target/quarkus-app/quarkus-run.jar \
  -jar standalone/target/agent-runtime-standalone.jar --demo --api-port $API --worker-port $WORKER \
  > "$STATE/launcher.log" 2>&1 &
LAUNCHER_PID=$!
for _ in $(seq 1 120); do grep -q "is succeeded" "$STATE/launcher.log" && break; sleep 1; done
grep -q "is succeeded" "$STATE/launcher.log" || { cat "$STATE/launcher.log" >&2; exit 1; }

# A second tenant, "acme", with a token signed by the same dev key.
cat > "$STATE/Mint.java" <<'JAVA'
import dev.agentruntime.embedded.DevTokens;
import java.nio.file.Path;
import java.time.Duration;
public class Mint {
  public static void main(String[] a) {
    System.out.print(DevTokens.inDirectory(Path.of(a[0])).tenantAdmin(a[1], Duration.ofHours(1)));
  }
}
JAVA
ACME=$("$JAVA_HOME/bin/java" -cp "standalone/target/lib/*" "$STATE/Mint.java" "$AGENT_RUNTIME_HOME/keys" acme)
ADMIN=$(cat "$AGENT_RUNTIME_HOME/tokens/platform-admin.jwt")
DEMO=$(cat "$AGENT_RUNTIME_HOME/tokens/demo.jwt")
AR=http://127.0.0.1:$API
json() { curl -sS -H 'Content-Type: application/json' "$@"; }
json -X POST $AR/v1/tenants -H "Authorization: Bearer $ADMIN" -d '{"id":"acme","displayName":"Acme"}' >/dev/null
AGENT=$(json -X POST $AR/v1/agents -H "Authorization: Bearer $ACME" -d '{"name":"summarizer"}' \
  | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4)
json -X POST $AR/v1/agents/$AGENT/versions -H "Authorization: Bearer $ACME" \
  -d @"$AGENT_RUNTIME_HOME/examples/demo-agent-version.json" >/dev/null
for i in 1 2 3; do
  json -X POST $AR/v1/runs -H "Authorization: Bearer $ACME" \
    -d "{\"agentName\":\"summarizer\",\"input\":{\"message\":\"report $i\"}}" >/dev/null
  json -X POST $AR/v1/runs -H "Authorization: Bearer $DEMO" \
    -d "{\"agentName\":\"notes\",\"input\":{\"message\":\"note $i\"}}" >/dev/null
done
sleep 3

shot() {
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$(mktemp -d)" --window-size=1600,1000 --virtual-time-budget=15000 \
    --screenshot="$1" "$2" >/dev/null 2>&1
}
WF=$(grep -o 'workflow demo:notes:v1:[0-9a-f-]*' "$STATE/launcher.log" | head -1 | cut -d' ' -f2)
RID=$("$TEMPORAL" workflow describe -w "$WF" --address 127.0.0.1:$TPORT -o json \
  | grep -o '"runId": *"[^"]*"' | head -1 | cut -d'"' -f4)
shot "$OUT/temporal-ui-runs-of-tenant.png" \
  "http://127.0.0.1:$UIPORT/namespaces/default/workflows?query=AgentRuntimeTenant%3D%22demo%22"
shot "$OUT/temporal-ui-run-history.png" \
  "http://127.0.0.1:$UIPORT/namespaces/default/workflows/${WF//:/%3A}/$RID/history"
"$TEMPORAL" workflow list --address 127.0.0.1:$TPORT --query 'AgentRuntimeTenant="demo"'
echo "screenshots in $OUT"
