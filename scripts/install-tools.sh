#!/usr/bin/env bash
# Installs the real servers the end-to-end and system tests run, built from their Go modules at
# pinned versions (see VERSIONS.md). Idempotent and cached: a second run returns at once.
# Prints the tools' bin directory on stdout. Usage: scripts/install-tools.sh [temporal] [minio]
set -euo pipefail

TEMPORAL_CLI_VERSION=v1.5.1 # later tags carry a replace directive that blocks `go install`
MINIO_VERSION=v0.0.0-20260212201848-7aac2a2c5b7c # github.com/minio/minio, commit 7aac2a2c5b7c

TOOLS_DIR=${AGENT_RUNTIME_TOOLS:-$HOME/.cache/agent-runtime/tools}
BIN=$TOOLS_DIR/bin
mkdir -p "$BIN"

need_go() {
  command -v go >/dev/null 2>&1 || {
    echo "Go is needed to build the Temporal CLI and MinIO servers (https://go.dev/dl/)." >&2
    exit 1
  }
}

# install NAME MODULE@VERSION: builds into $BIN/NAME unless that exact version is already there.
install() {
  local name=$1 module=$2 marker="$BIN/.$1.version"
  if [ -x "$BIN/$name" ] && [ "$(cat "$marker" 2>/dev/null)" = "$module" ]; then
    return
  fi
  need_go
  echo "Building $name from $module (once; about 2 minutes) ..." >&2
  GOBIN="$BIN" GOFLAGS=-buildvcs=false go install "$module" >&2
  echo "$module" > "$marker"
}

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(temporal minio)
for target in "${targets[@]}"; do
  case $target in
    temporal) install temporal "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION" ;;
    minio) install minio "github.com/minio/minio@$MINIO_VERSION" ;;
    *) echo "unknown tool: $target" >&2; exit 2 ;;
  esac
done
echo "$BIN"
