# The local stand-in for quay.io/keycloak/keycloak: the same Keycloak distribution from Maven
# Central (scripts/install-tools.sh keycloak) on the local Java runtime, at the image's paths and
# user, so the compose command (kc.sh start-dev --import-realm ...) runs unchanged.
ARG BASE_IMAGE=localhost/agent-runtime-local/jre:local
FROM ${BASE_IMAGE}
ARG KEYCLOAK_DIR=keycloak
COPY --chown=1000:0 ${KEYCLOAK_DIR}/ /opt/keycloak/
USER 1000
EXPOSE 8080 9000
ENTRYPOINT ["/opt/keycloak/bin/kc.sh"]
