# The local stand-in for temporalio/ui: the same version's UI server (github.com/temporalio/ui-server,
# the Web UI's assets embedded), built from its Go module (scripts/install-tools.sh temporal-ui),
# with the module's own config/docker.yaml, which reads the image's environment variables
# (TEMPORAL_ADDRESS, TEMPORAL_DEFAULT_NAMESPACE, TEMPORAL_CORS_ORIGINS, ...), at the image's paths.
# wget is for the compose file's healthcheck.
ARG BASE_IMAGE=localhost/agent-runtime-local/debian:bookworm
FROM ${BASE_IMAGE}
# The suite is the pin (see postgres.Dockerfile).
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends wget \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /home/ui-server
COPY ui-config/docker.yaml config/docker.yaml
COPY bin/temporal-ui ui-server
EXPOSE 8080
ENTRYPOINT ["./ui-server", "--env", "docker", "start"]
