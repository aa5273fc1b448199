# The local stand-in for the minio/minio image: the MinIO server the tests build from its Go module
# (scripts/install-tools.sh minio), on the tools image for curl (its healthcheck).
ARG BASE_IMAGE=localhost/agent-runtime-local/tools:local
FROM ${BASE_IMAGE}
COPY bin/minio /usr/local/bin/minio
EXPOSE 9000 9001
ENTRYPOINT ["minio"]
