#!/usr/bin/env bash
# The static checks of docker/: hadolint on every Dockerfile; Docker Compose v2 `config` (built
# from its Go module) on the compose files as users combine them (the stack alone, with Keycloak's
# port, with every opt-in port, with the ollama profile, with the Langfuse overlay, and the local
# run's override with the ports it opts in to); then their structural tests (docker/tests). Seconds,
# so test.sh runs them before the build; the local run of the stack (docker/local/run-stack.sh)
# comes after the build, as it packages the apps into images.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$(scripts/install-tools.sh container-tools docker-compose)

"$BIN/hadolint" docker/*.Dockerfile docker/local/images/*.Dockerfile
echo "hadolint: $(ls docker/*.Dockerfile docker/local/images/*.Dockerfile | wc -l) Dockerfiles clean"

config() { "$BIN/docker-compose" "$@" config --quiet && echo "compose config: $*"; }
config -f docker/compose.yml --env-file docker/.env.example
config -f docker/compose.yml --env-file docker/.env.example --profile ollama
config -f docker/compose.yml -f docker/ports/keycloak.yml --env-file docker/.env.example
config -f docker/compose.yml -f docker/compose.langfuse.yml --env-file docker/.env.example
config -f docker/compose.yml -f docker/compose.langfuse.yml -f docker/ports/langfuse.yml --env-file docker/.env.example
every_port=()
for file in docker/ports/*.yml; do every_port+=(-f "$file"); done
config -f docker/compose.yml -f docker/compose.langfuse.yml "${every_port[@]}" --env-file docker/.env.example --profile ollama
config -f docker/compose.yml -f docker/local/compose.local.yml -f docker/ports/api.yml -f docker/ports/keycloak.yml \
  -f docker/ports/minio.yml -f docker/ports/temporal.yml --env-file docker/local/local.env

COMPOSE_BIN=$BIN/docker-compose python3 docker/tests/test_compose.py
