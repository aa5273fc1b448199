#!/usr/bin/env bash
# Installs agentctl from this checkout: builds cli/target/agentctl.jar, makes its class-data
# archive (faster start-up) and links scripts/agentctl into DIR (default ~/.local/bin).
#   scripts/install-agentctl.sh [DIR]
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
dir=${1:-$HOME/.local/bin}
. "$root/scripts/jdk.sh"
echo "Building agentctl ..." >&2
(cd "$root" && ./mvnw -q -B -pl cli -am package -DskipTests) >&2
rm -f "$root/cli/target/agentctl.jsa" "$root/cli/target/agentctl.java"
# A training run that loads what a command loads (picocli, the client, Jackson, the HTTP client):
# its classes go into the archive. Nothing listens on port 9 of localhost, so it fails fast.
AGENTCTL_API=http://127.0.0.1:9 AGENTCTL_TOKEN=a.eyJzdWIiOiJ4In0.b \
  "$root/scripts/agentctl" runs list >/dev/null 2>&1 || true
mkdir -p "$dir"
ln -sfn "$root/scripts/agentctl" "$dir/agentctl"
echo "Installed $dir/agentctl -> $root/scripts/agentctl" >&2
case ":$PATH:" in
  *":$dir:"*) ;;
  *) echo "Add $dir to your PATH, e.g.: export PATH=\"$dir:\$PATH\"" >&2 ;;
esac
"$dir/agentctl" --version
