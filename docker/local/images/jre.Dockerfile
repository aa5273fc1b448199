# The local stand-in for eclipse-temurin:*-jre: the Debian base plus a Java runtime that
# build-images.sh links (jlink) from the machine's JDK, where the Temurin images keep theirs.
ARG BASE_IMAGE=localhost/agent-runtime-local/debian:bookworm
FROM ${BASE_IMAGE}
COPY jre/ /opt/java/openjdk/
ENV JAVA_HOME=/opt/java/openjdk \
    PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
