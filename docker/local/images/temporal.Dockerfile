# The local stand-in for the Temporal server: the Temporal CLI dev server the tests build from its
# Go module (scripts/install-tools.sh temporal), which is Temporal Server and its Web UI in one
# process on SQLite. The compose file's PostgreSQL-backed temporalio/server cannot be pulled here.
ARG BASE_IMAGE=localhost/agent-runtime-local/debian:bookworm
FROM ${BASE_IMAGE}
COPY bin/temporal /usr/local/bin/temporal
EXPOSE 7233 8233
ENTRYPOINT ["temporal"]
