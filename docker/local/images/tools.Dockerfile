# Small helpers of the local run: curl (the bucket job signs its S3 request with --aws-sigv4).
ARG BASE_IMAGE=localhost/agent-runtime-local/debian:bookworm
FROM ${BASE_IMAGE}
# The suite is the pin (see postgres.Dockerfile).
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
