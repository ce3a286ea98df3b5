# The applications (producer, consumer, dashboard, tools) as one image. Build it with container/build.
#   docker run --network host IMAGE consumer --properties /config/consumer.properties
ARG BASE_IMAGE=debian:bookworm-slim
FROM ${BASE_IMAGE}
# The same first layer as local-stack.Dockerfile, so both images share it.
RUN apt-get update -q \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends openjdk-17-jre-headless \
 && rm -rf /var/lib/apt/lists/*
COPY clickstream/ /opt/clickstream/
RUN mkdir -p /var/lib/clickstream/logs && chmod -R 1777 /var/lib/clickstream
WORKDIR /var/lib/clickstream
ENV LOG_DIR=/var/lib/clickstream/logs HOME=/tmp
LABEL dev.clickstream.image="apps"
ENTRYPOINT ["/opt/clickstream/container/apps-entrypoint"]
CMD ["--help"]
