#!/usr/bin/env bash
# Builds, with podman, every image the local run of docker/compose.yml needs on a machine that
# reaches no image registry (docker/local/README.md):
#   agent-runtime-local/debian:bookworm   debootstrap --variant=minbase, imported (cached as a tarball)
#   agent-runtime-local/jre:local         that base + a Java runtime jlinked from the machine's JDK
#   agent-runtime-local/{tools,postgres,redis,minio,keycloak}   docker/local/images/
#   agent-runtime-local/temporal-{server,admin-tools,ui}   docker/local/images/temporal*.Dockerfile:
#       the Temporal server, its SQL tool and the Web UI server built from their Go modules at the
#       official images' versions, the schema directories and the UI's config from those modules
#   agent-runtime/api:local, agent-runtime/worker:local   docker/{api,worker}.Dockerfile on jre:local
# The API and worker images package api/ and worker/target/quarkus-app: run `./mvnw package` first.
# Idempotent: podman's layer cache makes a second run take seconds. Prints each image's size.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
# shellcheck source=scripts/containers.sh
. scripts/containers.sh
# shellcheck source=scripts/jdk.sh
. scripts/jdk.sh >/dev/null

BIN=$(scripts/install-tools.sh temporal temporal-server temporal-ui minio keycloak)
TOOLS_DIR=$(dirname "$BIN")
version() { sed -n "s/^$1=v\{0,1\}\([^ ]*\).*/\1/p" scripts/install-tools.sh; }
KEYCLOAK_VERSION=$(version KEYCLOAK_VERSION)
TEMPORAL_SERVER_VERSION=$(version TEMPORAL_SERVER_VERSION)
TEMPORAL_UI_VERSION=$(version TEMPORAL_UI_VERSION)
LOCAL=localhost/agent-runtime-local
IMAGES=docker/local/images
CONTEXT=$(mktemp -d)
trap 'rm -rf "$CONTEXT"' EXIT

build() { # build TAG DOCKERFILE CONTEXT [build args...]
  local tag=$1 file=$2 context=$3
  shift 3
  echo "Building $tag ..." >&2
  podman build --quiet --layers --format docker -t "$tag" -f "$file" "$@" "$context" >/dev/null
}

# The Debian base: debootstrap is the slow part (about a minute), so its tarball is cached.
base_tar=$TOOLS_DIR/debian-bookworm-minbase.tar
if [ ! -s "$base_tar" ]; then
  echo "debootstrap: a minimal Debian bookworm (once; about a minute) ..." >&2
  rootfs=$CONTEXT/rootfs
  debootstrap --variant=minbase --include=ca-certificates bookworm "$rootfs" \
    "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" >/dev/null
  # Package caches, docs and locales are not needed in a container base.
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* \
    "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/locale/*
  tar -C "$rootfs" -cf "$base_tar.part" .
  mv "$base_tar.part" "$base_tar"
  rm -rf "$rootfs"
fi
if ! podman image exists "$LOCAL/debian:bookworm" ||
  [ "$(podman image inspect --format '{{index .Labels "base-tar"}}' "$LOCAL/debian:bookworm" 2>/dev/null)" != "$(stat -c %Y "$base_tar")" ]; then
  podman import --quiet --change "LABEL base-tar=$(stat -c %Y "$base_tar")" \
    "$base_tar" "$LOCAL/debian:bookworm" >/dev/null
fi

# A Java runtime without javac or jshell: only the modules Quarkus, Keycloak and their libraries use.
mkdir -p "$CONTEXT/jre-context"
"$JAVA_HOME/bin/jlink" --output "$CONTEXT/jre-context/jre" --strip-debug --no-man-pages \
  --no-header-files --add-modules \
  java.se,jdk.unsupported,jdk.crypto.cryptoki,jdk.crypto.ec,jdk.management,jdk.management.agent,jdk.jfr,jdk.naming.dns,jdk.zipfs,jdk.localedata,jdk.charsets,jdk.net,jdk.httpserver,jdk.security.auth,jdk.security.jgss,jdk.jdwp.agent
build "$LOCAL/jre:local" "$IMAGES/jre.Dockerfile" "$CONTEXT/jre-context"

build "$LOCAL/tools:local" "$IMAGES/tools.Dockerfile" "$IMAGES"
build "$LOCAL/postgres:15" "$IMAGES/postgres.Dockerfile" "$IMAGES"
build "$LOCAL/redis:7" "$IMAGES/redis.Dockerfile" "$IMAGES"

# Servers the tests already build: hard links keep the build contexts small and quick.
mkdir -p "$CONTEXT/bin"
for tool in minio temporal temporal-server temporal-sql-tool temporal-ui; do
  cp -l "$BIN/$tool" "$CONTEXT/bin/" 2>/dev/null || cp "$BIN/$tool" "$CONTEXT/bin/"
done
build "$LOCAL/minio:local" "$IMAGES/minio.Dockerfile" "$CONTEXT"

# Temporal: the schema directories and the UI's config come from the modules the binaries were
# built from (in the Go module cache since install-tools.sh built them; offline after that).
module_dir() { # module_dir MODULE@VERSION
  local dir
  dir=$(cd / && go mod download -json "$1" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -d "$dir" ] || { echo "go mod download $1 failed" >&2; exit 1; }
  echo "$dir"
}
server_module=$(module_dir "go.temporal.io/server@v$TEMPORAL_SERVER_VERSION")
ui_module=$(module_dir "github.com/temporalio/ui-server/v2@v$TEMPORAL_UI_VERSION")
mkdir -p "$CONTEXT/schema" "$CONTEXT/ui-config"
cp -r "$server_module/schema/postgresql" "$CONTEXT/schema/"
cp "$ui_module/config/docker.yaml" "$CONTEXT/ui-config/"
cp "$IMAGES/temporal-server.yaml" "$CONTEXT/"
# Copies out of the module cache are read-only like it: made writable so the trap can remove them.
chmod -R u+w,go-w "$CONTEXT/schema" "$CONTEXT/ui-config"
build "$LOCAL/temporal-server:$TEMPORAL_SERVER_VERSION" "$IMAGES/temporal.Dockerfile" "$CONTEXT"
build "$LOCAL/temporal-admin-tools:$TEMPORAL_SERVER_VERSION" "$IMAGES/temporal-admin-tools.Dockerfile" "$CONTEXT"
build "$LOCAL/temporal-ui:$TEMPORAL_UI_VERSION" "$IMAGES/temporal-ui.Dockerfile" "$CONTEXT"
# Keycloak without the state its system test left behind in data/.
cp -al "$TOOLS_DIR/keycloak-$KEYCLOAK_VERSION" "$CONTEXT/keycloak" 2>/dev/null ||
  cp -a "$TOOLS_DIR/keycloak-$KEYCLOAK_VERSION" "$CONTEXT/keycloak"
rm -rf "$CONTEXT/keycloak/data"
build "$LOCAL/keycloak:$KEYCLOAK_VERSION" "$IMAGES/keycloak.Dockerfile" "$CONTEXT"

for app in api worker; do
  [ -f "$app/target/quarkus-app/quarkus-run.jar" ] || {
    echo "$app/target/quarkus-app is missing: run ./mvnw -B package -DskipTests first." >&2
    exit 1
  }
  build "localhost/agent-runtime/$app:local" "docker/$app.Dockerfile" . \
    --build-arg "BASE_IMAGE=$LOCAL/jre:local"
done

podman image ls --format '{{.Repository}}:{{.Tag}} {{.Size}}' |
  grep -E '^localhost/agent-runtime(-local)?/' | sort
