# The local stand-in for temporalio/server: the same release's temporal-server, built from its Go
# module (scripts/install-tools.sh temporal-server), at the image's paths (/etc/temporal, config
# docker.yaml, `--env docker`). Its config, temporal-server.yaml, reads the environment variables
# the official image's config template reads (DB, POSTGRES_SEEDS, POSTGRES_USER, POSTGRES_PWD,
# DBNAME, VISIBILITY_DBNAME, BIND_ON_IP, TEMPORAL_BROADCAST_ADDRESS, DYNAMIC_CONFIG_FILE_PATH, ...)
# and is rendered by the server itself. netcat is for the compose file's healthcheck (nc -z).
ARG BASE_IMAGE=localhost/agent-runtime-local/debian:bookworm
FROM ${BASE_IMAGE}
# The suite is the pin (see postgres.Dockerfile).
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends netcat-openbsd \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /etc/temporal/config/dynamicconfig \
 && touch /etc/temporal/config/dynamicconfig/docker.yaml
COPY temporal-server.yaml /etc/temporal/config/docker.yaml
COPY bin/temporal-server /usr/local/bin/temporal-server
WORKDIR /etc/temporal
EXPOSE 6933 6934 6935 6939 7233 7234 7235 7239 7243
# Without an authorizer, as the official image; --allow-no-auth says so instead of warning.
ENTRYPOINT ["temporal-server", "--root", "/etc/temporal", "--config", "config", "--env", "docker", "--allow-no-auth", "start"]
