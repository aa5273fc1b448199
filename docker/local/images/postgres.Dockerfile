# The local stand-in for the postgres image: Debian's PostgreSQL 15 with an entrypoint that honours
# the same POSTGRES_USER / POSTGRES_PASSWORD / POSTGRES_DB variables, data directory and
# /docker-entrypoint-initdb.d scripts.
ARG BASE_IMAGE=localhost/agent-runtime-local/debian:bookworm
FROM ${BASE_IMAGE}
# Debian's mirror serves only the current point release of a suite, so a version pin would break
# the build at the next security update; the suite (bookworm) is the pin.
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends postgresql-15 \
 && rm -rf /var/lib/apt/lists/*
COPY postgres-entrypoint.sh /usr/local/bin/
ENV PGDATA=/var/lib/postgresql/data \
    PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
EXPOSE 5432
STOPSIGNAL SIGINT
ENTRYPOINT ["postgres-entrypoint.sh"]
