#!/usr/bin/env bash
# Regenerates src/agent_runtime/models.py from client/src/main/openapi/agent-runtime-api.json with
# the pinned datamodel-code-generator of the SDK's venv (scripts/install-tools.sh python-sdk).
# Usage: clients/python/generate.sh [--check]   (--check: exit 1 when the committed file differs)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
if [ -z "${PYTHON:-}" ]; then
  BIN=$("$HERE/../../scripts/install-tools.sh" python-sdk)
  PYTHON=$BIN/python-sdk-python
fi
exec "$PYTHON" "$HERE/tools/generate_models.py" "$@"
