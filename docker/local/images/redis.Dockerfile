# The local stand-in for the redis image: Debian's Redis 7.0; the compose command
# (redis-server with its flags) runs unchanged, in /data as the redis user.
ARG BASE_IMAGE=localhost/agent-runtime-local/debian:bookworm
FROM ${BASE_IMAGE}
# The suite is the pin (see postgres.Dockerfile).
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends redis-server \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /data && chown redis:redis /data
WORKDIR /data
# Debian's package makes the redis user with whatever uid is free, so it is named, not numbered.
# hadolint ignore=DL3066
USER redis
EXPOSE 6379
CMD ["redis-server"]
