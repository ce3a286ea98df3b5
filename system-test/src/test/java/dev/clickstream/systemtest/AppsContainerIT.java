package dev.clickstream.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.clickstream.testsupport.LocalAws;
import dev.clickstream.testsupport.Poll;
import dev.clickstream.testsupport.container.ContainerOwner;
import dev.clickstream.testsupport.container.ProjectImages;
import dev.clickstream.testsupport.container.StackContainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.EnabledIfDockerAvailable;
import org.testcontainers.utility.MountableFile;

/**
 * The applications' image: the consumer (s3-archiver) in its container archives every record of a
 * stream in the stack's container, checkpoints each shard's last one, and stops cleanly on
 * {@code docker stop}.
 */
@EnabledIfDockerAvailable
class AppsContainerIT {
    static final int RECORDS = 300;

    @TempDir
    Path work;

    @Test
    void theConsumerInItsContainerArchivesEveryRecordFromTheStackContainer() throws Exception {
        StackContainer stack = new StackContainer(ProjectImages.localStack()).withDataDir(work.resolve("data"));
        stack.start();
        try (LocalAws aws = LocalAws.of(stack)) {
            String stream = LocalAws.uniqueName("apps-stream");
            String application = LocalAws.uniqueName("apps-archiver");
            String bucket = LocalAws.uniqueName("apps-archive");
            aws.createStream(stream, 2);
            Map<String, String> lastByShard = VerifyArchiveOfTheConsumerIT.put(aws, stream, RECORDS);
            Path properties = work.resolve("archiver.properties");
            Files.writeString(properties, ArchiverProperties.of(aws.endpoints(), stream, application, bucket));

            try (GenericContainer<?> consumer = ContainerOwner.claim(new GenericContainer<>(ProjectImages.apps()))
                    .withNetworkMode("host")
                    .withCopyFileToContainer(MountableFile.forHostPath(properties), "/config/archiver.properties")
                    .withCommand("consumer", "--properties", "/config/archiver.properties")
                    .withLogConsumer(new Slf4jLogConsumer(LoggerFactory.getLogger(AppsContainerIT.class)).withPrefix("consumer"))
                    .waitingFor(Wait.forLogMessage("(?s)consumer: running.*", 1).withStartupTimeout(Duration.ofSeconds(90)))) {
                consumer.start();
                Path archive = stack.s3Root().orElseThrow().resolve(bucket);
                Poll.until(Duration.ofSeconds(120), "each shard checkpointed at its last record",
                        () -> Checkpoints.of(aws, application).equals(lastByShard));
                assertThat(QuickStartIT.archivedLines(archive)).isEqualTo(RECORDS);
                QuickStartIT.assertNoBatchArchivedTwice(archive);

                // docker stop: SIGTERM to the entry point, which must be the JVM itself (exec), so the KCL shuts down
                DockerClient docker = consumer.getDockerClient();
                docker.stopContainerCmd(consumer.getContainerId()).withTimeout(60).exec();
                assertThat(consumer.getLogs()).contains("consumer: stopped: ");
            }
        }
    }
}
