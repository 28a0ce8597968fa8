# The main job as a container: a drop-in successor of the Python poller's image.
# Same task definition: ENVIRONMENT=<env> selects connector-config/<env>.yaml; variables override it.
#
#   docker build -t location-visits-poller .
#   docker run -e ENVIRONMENT=production location-visits-poller
#
# Base images are build arguments so the image can be built where registries are unreachable
# (e.g. --build-arg RUNTIME_IMAGE=localhost/jre17-base, see README).
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q -DskipNpm=true dependency:go-offline || true
COPY src ./src
# Only the runnable jar goes into the image: skip the Connect plugin archive, whose assembly
# needs files outside src/ (README.md, LICENSE, docs/, connector-config/) that are not copied here.
RUN mvn -B -q -DskipTests -DskipNpm=true -Dassembly.skipAssembly=true package

FROM ${RUNTIME_IMAGE}
RUN (getent group poller || groupadd --system poller) \
    && (getent passwd poller || useradd --system --gid poller --home-dir /app --shell /usr/sbin/nologin poller)
WORKDIR /app
COPY --from=build /src/target/location-visits-poller.jar /app/location-visits-poller.jar
COPY connector-config /app/connector-config
USER poller
# Container-aware heap; the runner needs little memory.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-jar", "/app/location-visits-poller.jar"]
