package dev.clickstream.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.testsupport.JavaProcess;
import dev.clickstream.testsupport.LocalAws;
import dev.clickstream.testsupport.Poll;
import dev.clickstream.testsupport.container.ProjectImages;
import dev.clickstream.testsupport.container.StackContainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.EnabledIfDockerAvailable;

/**
 * The local stack's image, through Testcontainers: producer.jar sends a fixed count of records to
 * the stack in its container, and consumer.jar (s3-archiver) archives every one of them, once.
 */
@EnabledIfDockerAvailable
class StackContainerIT {
    static final Path PROJECT = QuickStartIT.PROJECT;
    static final int RECORDS = 300;

    @TempDir
    Path work;

    @Test
    void theProducerAndTheArchiverOnTheStackImageArchiveEveryRecordOnce() throws Exception {
        StackContainer container = new StackContainer(ProjectImages.localStack()).withDataDir(work.resolve("data"));
        container.start();
        try (LocalAws aws = LocalAws.of(container)) {
            String stream = LocalAws.uniqueName("container-stream");
            String bucket = LocalAws.uniqueName("container-archive");
            JavaProcess producer = JavaProcess.jar(PROJECT.resolve("producer/target/producer.jar")).workDir(work)
                    .env("LOG_DIR", work.resolve("logs/producer").toString())
                    .args("--stream", stream, "--shards", "2", "--kinesis-endpoint", aws.endpoints().kinesis().toString(),
                            "--aws-credentials-provider", LocalAws.CREDENTIALS_SPEC, "--count", Integer.toString(RECORDS),
                            "--records-to-write-per-batch", "50", "--put-records-tps", "20")
                    .run(Duration.ofSeconds(120));
            assertThat(producer.exitCode()).as(producer.describe()).isZero();

            Path properties = work.resolve("archiver.properties");
            Files.writeString(properties, ArchiverProperties.of(aws.endpoints(), stream,
                    LocalAws.uniqueName("container-archiver"), bucket));
            try (JavaProcess archiver = JavaProcess.jar(PROJECT.resolve("consumer/target/consumer.jar")).workDir(work)
                    .env("LOG_DIR", work.resolve("logs/archiver").toString())
                    .args("--properties", properties.toString()).start()) {
                archiver.awaitStdoutLine(Pattern.compile("^consumer: running"), Duration.ofSeconds(60));
                Path archive = container.s3Root().orElseThrow().resolve(bucket);
                Poll.until(Duration.ofSeconds(120), RECORDS + " records under " + archive,
                        () -> QuickStartIT.archivedLines(archive) >= RECORDS);
                archiver.terminate();
                archiver.awaitExit(Duration.ofSeconds(60));
                assertThat(QuickStartIT.archivedLines(archive)).isEqualTo(RECORDS);
                QuickStartIT.assertNoBatchArchivedTwice(archive);
            }
        }
        assertThat(container.isRunning()).as("closing LocalAws stops the container").isFalse();
    }
}
