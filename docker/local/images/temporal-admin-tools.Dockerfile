# The local stand-in for temporalio/admin-tools: temporal-sql-tool (the same release as the server,
# scripts/install-tools.sh temporal-server), the temporal CLI (scripts/install-tools.sh temporal)
# and the PostgreSQL schema directories at the image's path (/etc/temporal/schema/postgresql, from
# the go.temporal.io/server module), so compose.yml's schema and namespace jobs run unchanged.
ARG BASE_IMAGE=localhost/agent-runtime-local/debian:bookworm
FROM ${BASE_IMAGE}
COPY schema/ /etc/temporal/schema/
COPY bin/temporal-sql-tool bin/temporal /usr/local/bin/
WORKDIR /etc/temporal
