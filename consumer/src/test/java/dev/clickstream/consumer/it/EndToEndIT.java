package dev.clickstream.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.testsupport.JavaProcess;
import dev.clickstream.testsupport.LocalAws;
import dev.clickstream.testsupport.LocalStackExtension;
import dev.clickstream.testsupport.Poll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Issue test 1: produce, run consumer.jar, check objects, keys and lease checkpoints. */
@ExtendWith(LocalStackExtension.class)
class EndToEndIT {
    @TempDir
    Path dir;

    @Test
    void archivesEveryRecordExactlyOnceAndCheckpointsTheLastObjectOfEachShard(LocalAws aws) throws Exception {
        ConsumerFixture f = new ConsumerFixture(aws, "e2e").set("maxBufferSize", "2048");
        aws.createStream(f.stream, 2);
        List<StreamWriter.Written> written = f.writer().putText("e2e", 600);

        try (JavaProcess consumer = f.startJar(dir)) {
            consumer.awaitStdoutLine(Pattern.compile("^consumer: running"), Duration.ofSeconds(30));
            Poll.until(ConsumerFixture.ARCHIVE_DEADLINE, "every shard checkpointed at its last record",
                    () -> f.checkpointedAll(written));
            consumer.awaitStdoutLine(Pattern.compile("shards 2 \\| records [\\d,]+ \\| objects [\\d,]+ \\| [\\d,]+ records/s \\| [\\d,?]+ ms behind"),
                    Duration.ofSeconds(10));
            consumer.terminate();
            consumer.awaitExit(Duration.ofSeconds(40));
            assertThat(consumer.stdout()).contains("consumer: stopped");
        }

        ArchiveChecker.Result result = f.archive().check(written);
        assertThat(result.duplicates()).as("records archived twice").isZero();
        assertThat(result.objects()).as("several objects per shard (maxBufferSize 2048)").isGreaterThan(4);
        Map<String, LeaseTable.Lease> leases = f.leases().leases();
        String log = Files.readString(dir.resolve("logs/application.log"));
        for (Map.Entry<String, List<ArchiveChecker.ArchivedObject>> shard : result.objectsByShard().entrySet()) {
            assertThat(leases.get(shard.getKey()).checkpoint()).as("checkpoint of %s", shard.getKey())
                    .isEqualTo(result.lastSequence(shard.getKey()));
            for (ArchiveChecker.ArchivedObject o : shard.getValue()) {
                assertThat(o.key()).isEqualTo(o.shardId() + "/" + o.first() + "-" + o.last());
                // the commit executor's thread logs these, with the shard from the MDC
                assertThat(log).contains("[" + o.shardId() + "] - Successfully uploaded data to s3 file: " + o.key());
                assertThat(log).contains("[" + o.shardId() + "] - Successful checkpoint at sequence number: " + o.last());
            }
        }
    }
}
