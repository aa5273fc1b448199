#!/usr/bin/env bash
# Runs docker/compose.yml for real with podman-compose and docker/local/compose.local.yml on top
# (docker/local/README.md), then the demo against it, the checks of what the stack refuses (Redis
# without its password, a placeholder setting, the demo realm's signing key), a stop and start of
# the whole stack, and the check that everything was kept (also that the Temporal UI lists both
# runs). Leaves nothing behind unless KEEP_STACK=1.
#   docker/local/run-stack.sh          build the images (build-images.sh), start, demo, restart, verify
# Needs the packaged apps (./mvnw package); prints the start times; exits non-zero on any failure,
# after printing the logs of the services that were not healthy.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
# shellcheck source=scripts/containers.sh
. scripts/containers.sh
BIN=$(scripts/install-tools.sh temporal container-tools)

docker/local/build-images.sh

set -a
# shellcheck source=docker/local/local.env
. docker/local/local.env
set +a
export TEMPORAL_BIN=$BIN/temporal
PROJECT=agent-runtime-local
# Kong does not run here, so the demo calls the API, Keycloak, MinIO and Temporal on the host: the
# local run opts in to their ports (docs/deployment.md#what-is-published).
PORT_FILES=(docker/ports/api.yml docker/ports/keycloak.yml docker/ports/minio.yml docker/ports/temporal.yml)
COMPOSE=("$BIN/podman-compose" --project-name "$PROJECT" --env-file docker/local/local.env
  -f docker/compose.yml -f docker/local/compose.local.yml)
for file in "${PORT_FILES[@]}"; do COMPOSE+=(-f "$file"); done
compose() { "${COMPOSE[@]}" "$@"; }

# The master key of the tenant secret store, made as an operator makes it
# (docs/deployment.md#the-master-key): kept across runs, readable by uid 10001 (the API's and the
# worker's user) and nobody else. Rootless podman maps uid 10001 to a subordinate uid of this user,
# which only `podman unshare` can hand the files to.
case $MASTER_KEY_DIR in
  /*) master_keys=$MASTER_KEY_DIR ;;
  *) master_keys=docker/${MASTER_KEY_DIR#./} ;; # compose resolves it against docker/
esac
as_key_owner() { if [ "$(id -u)" = 0 ]; then "$@"; else podman unshare "$@"; fi; }
as_key_owner sh -c '
  [ -s "$1/master.key" ] || { mkdir -p "$1" && (umask 077 && head -c 32 /dev/urandom | base64 >"$1/master.key"); }
  chown -R 10001:10001 "$1" && chmod 700 "$1" && chmod 400 "$1/master.key"' sh "$master_keys"

container() { # container SERVICE: the id of the service's (first) container
  podman ps -a -q --filter "label=io.podman.compose.project=$PROJECT" \
    --filter "label=com.docker.compose.service=$1" | head -n1
}

# podman 4.3 neither runs healthchecks on a schedule (no systemd here) nor waits for
# `condition: service_healthy`, so the stack comes up in the compose file's dependency order, one
# stage at a time, each stage waited for by running the services' own healthchecks.
await_healthy() { # await_healthy TIMEOUT_SECONDS SERVICE...
  local timeout=$1 service id deadline
  shift
  deadline=$((SECONDS + timeout))
  for service in "$@"; do
    id=$(container "$service")
    [ -n "$id" ] || { echo "no container for $service" >&2; return 1; }
    until podman healthcheck run "$id" >/dev/null 2>&1; do
      if [ "$(podman inspect --format '{{.State.Running}}' "$id")" != true ] || [ $SECONDS -ge $deadline ]; then
        echo "$service is not healthy (after $((timeout - deadline + SECONDS)) s):" >&2
        podman logs --tail 60 "$id" >&2 || true
        return 1
      fi
      sleep 2
    done
  done
}
await_completed() { # await_completed SERVICE...: one-shot jobs that must exit 0
  local service id code
  for service in "$@"; do
    id=$(container "$service")
    code=$(podman wait "$id")
    [ "$code" = 0 ] || { echo "$service exited $code:" >&2; podman logs "$id" >&2; return 1; }
  done
}
up() { # up: the whole stack but Kong (no image here) and the ollama profile, healthy
  local started=$SECONDS
  compose up -d --no-deps preflight >/dev/null
  await_completed preflight
  compose up -d --no-deps postgres redis minio >/dev/null
  await_healthy 120 postgres redis minio
  compose up -d --no-deps temporal-schema minio-init keycloak >/dev/null
  await_completed temporal-schema
  compose up -d --no-deps temporal >/dev/null
  await_healthy 120 temporal
  await_completed minio-init
  compose up -d --no-deps temporal-namespace temporal-ui >/dev/null
  await_completed temporal-namespace
  await_healthy 60 temporal-ui
  await_healthy 240 keycloak
  compose up -d --no-deps api >/dev/null
  await_healthy 180 api
  compose up -d --no-deps worker >/dev/null
  await_healthy 180 worker
  echo "stack healthy $((SECONDS - started)) s after 'up' ($1)"
}
safe_by_default() { # what compose.yml refuses, on the running stack (docs/deployment.md#docker-compose)
  local out
  # Redis answers no client without the password.
  out=$(podman exec "$(container redis)" env -u REDISCLI_AUTH redis-cli -h 127.0.0.1 ping 2>&1 || true)
  [[ $out == *NOAUTH* ]] || { echo "redis answered a client without the password: $out" >&2; return 1; }
  # The preflight refuses a placeholder of .env.example, naming it.
  if out=$(compose run --rm --no-deps -T -e REDIS_PASSWORD=change-me-redis preflight </dev/null 2>&1); then
    echo "the preflight let a placeholder through: $out" >&2
    return 1
  fi
  [[ $out == *"REDIS_PASSWORD still holds the placeholder"* ]] ||
    { echo "the preflight did not name REDIS_PASSWORD: $out" >&2; return 1; }
  # Without the local run's setting, the API refuses the realm's demo key, fetched from Keycloak.
  if out=$(timeout 240 "${COMPOSE[@]}" run --rm --no-deps -T -e AGENT_RUNTIME_AUTH_ALLOW_DEMO_SIGNING_KEY=false \
    api </dev/null 2>&1); then
    echo "the API started with the demo realm's signing key" >&2
    return 1
  fi
  [[ $out == *"refuses to start"*demo-rsa-LOCAL-USE-ONLY* ]] ||
    { echo "the API did not refuse the demo key as expected:" >&2; tail -n 40 <<<"$out" >&2; return 1; }
  echo "safe by default: Redis refuses a client without the password, the preflight a placeholder," \
    "the API the demo realm's signing key"
}
ui_lists_runs() { # the Temporal UI, on the server's PostgreSQL visibility, lists both demo runs
  local out count tries=0
  while :; do
    out=$(podman exec "$(container temporal-ui)" wget -q -O - \
      "http://127.0.0.1:8080/api/v1/namespaces/$TEMPORAL_NAMESPACE/workflows" 2>&1 || true)
    count=$(grep -o '"acme:notes:v1:[0-9a-f-]*"' <<<"$out" | sort -u | wc -l)
    [ "$count" -ge 2 ] && break
    tries=$((tries + 1))
    [ $tries -lt 10 ] || { echo "the Temporal UI lists $count demo runs, not 2: $out" >&2; return 1; }
    sleep 2
  done
  echo "temporal-ui: lists the $count demo runs, the first from before the restart"
}
stop_in_order() { # the stack down, volumes kept, dependants before what they depend on
  # docker compose stops a service's dependants first; podman-compose stops every container at
  # once, and a Temporal server whose PostgreSQL is gone cannot finish its shutdown in its grace.
  compose stop worker >/dev/null
  compose stop api temporal-ui >/dev/null
  compose stop temporal keycloak minio redis >/dev/null
  compose down >/dev/null
}
cleanup() {
  if [ "${KEEP_STACK:-0}" != 1 ]; then
    compose down -v >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

state=$(mktemp)
compose down -v >/dev/null 2>&1 || true
up "first start, empty volumes"
python3 docker/local/demo.py run "$state"
safe_by_default
stop_in_order # containers gone, volumes kept
up "second start, same volumes"
python3 docker/local/demo.py verify "$state"
ui_lists_runs
rm -f "$state"
