# The local stack (kinesalite, dynalite, S3Proxy) as an image. Build it with container/build.
# Run it with host networking only: every server binds to 127.0.0.1, as outside a container.
ARG BASE_IMAGE=debian:bookworm-slim
FROM ${BASE_IMAGE}
# The same first layer as apps.Dockerfile, so both images share it.
RUN apt-get update -q \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends openjdk-17-jre-headless \
 && rm -rf /var/lib/apt/lists/*
RUN apt-get update -q \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nodejs \
 && rm -rf /var/lib/apt/lists/*
COPY local-stack.jar /opt/clickstream/local-stack.jar
# Writable by any user, so that `docker run --user UID` can own its bind-mounted data.
RUN mkdir -p /var/lib/clickstream/data /var/lib/clickstream/logs && chmod -R 1777 /var/lib/clickstream
WORKDIR /var/lib/clickstream
ENV LOG_DIR=/var/lib/clickstream/logs HOME=/tmp
LABEL dev.clickstream.image="local-stack"
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /opt/clickstream/local-stack.jar \"$@\"", "local-stack"]
CMD ["--data-dir", "/var/lib/clickstream/data"]
