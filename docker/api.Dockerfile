# The Agent Runtime control-plane API (REST, OIDC tokens, run admission, the reconciler).
# It packages the Quarkus app that `./mvnw package` leaves in api/target/quarkus-app: no build tools
# in this image. Build from the repository root:
#   docker build -f docker/api.Dockerfile -t agent-runtime/api:0.1.0 .
# BASE_IMAGE is any image with a Java 21+ runtime on PATH, bash and useradd (Debian or Ubuntu based);
# the default is pinned, and the local run builds one from debootstrap (docker/local/README.md).
ARG BASE_IMAGE=eclipse-temurin:21.0.9_10-jre-noble
FROM ${BASE_IMAGE}

# A fixed non-root user, so volume permissions and Kubernetes/ECS policies can name it.
RUN useradd --uid 10001 --user-group --no-create-home --home-dir /opt/agent-runtime \
      --shell /usr/sbin/nologin agentruntime

WORKDIR /opt/agent-runtime
# Dependencies first: they change less often than the application, so their layer is reused.
# Owned by root: the app cannot rewrite its own code.
COPY api/target/quarkus-app/lib/ lib/
COPY api/target/quarkus-app/*.jar ./
COPY api/target/quarkus-app/app/ app/
COPY api/target/quarkus-app/quarkus/ quarkus/
COPY docker/healthcheck.sh docker/java-entrypoint.sh /usr/local/bin/

# Container-aware heap (75% of the memory limit), fail fast on OutOfMemoryError so the orchestrator
# restarts the task, and JDK logging through Quarkus' log manager.
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError -Djava.util.logging.manager=org.jboss.logmanager.LogManager" \
    JAVA_OPTS_APPEND="" \
    QUARKUS_HTTP_HOST=0.0.0.0

USER 10001:10001
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["healthcheck.sh", "8080", "/q/health/ready"]
ENTRYPOINT ["java-entrypoint.sh"]
