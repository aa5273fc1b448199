#!/usr/bin/env bash
# Regenerates the screenshots of docs/console.md: ConsoleIT (the console's browser test, on the
# packaged stack in headless Chromium) saves each main screen as it checks it.
# Usage: scripts/console-screenshots.sh [OUTPUT_DIR]  (default docs/console)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
OUT=$(mkdir -p "${1:-docs/console}" && cd "${1:-docs/console}" && pwd)
scripts/install-tools.sh temporal browser-test >/dev/null
./mvnw -B -q verify -pl system-tests -am -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=ConsoleIT -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dagent-runtime.console.screenshots="$OUT"
ls "$OUT"/*.png
