package dev.clickstream.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.testsupport.JavaProcess;
import dev.clickstream.testsupport.LocalAws;
import dev.clickstream.testsupport.LocalStackExtension;
import dev.clickstream.testsupport.Poll;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 part 1: the consumer dies after an object reached S3 and before its checkpoint (the
 * crash-test hook halts the JVM right after the first PutObject response); the next consumer reads
 * that batch again, cuts it at the same records and overwrites the same object with the same
 * bytes, so every record ends up in exactly one object.
 */
@ExtendWith(LocalStackExtension.class)
class ExactlyOnceIT {
    @TempDir
    Path dir;

    @Test
    void sizeFlushesGiveEveryRecordExactlyOneObjectAfterACrash(LocalAws aws) {
        ConsumerFixture f = new ConsumerFixture(aws, "once-size")
                .set("maxBufferAgeMillis", "0").set("maxBufferSize", "2048").set("maxRecords", "100");
        aws.createStream(f.stream, 2);
        List<StreamWriter.Written> written = new ArrayList<>(f.writer().putText("size", 800));
        // each shard ends with a record larger than the buffer, so its last batch is cut by size too
        // and the run can end at a checkpoint instead of a shutdown flush
        byte[] large = new byte[3000];
        Arrays.fill(large, (byte) 'x');
        Set<String> closed = new HashSet<>();
        while (closed.size() < 2) {
            List<StreamWriter.Written> one = f.writer().put(List.of(large));
            written.addAll(one);
            closed.add(one.get(0).shardId());
        }

        f.crashAfterTheFirstUpload(dir.resolve("first"));
        try (JavaProcess second = f.startJar(dir.resolve("second"))) {
            Poll.until(ConsumerFixture.ARCHIVE_DEADLINE, "the second consumer checkpointed every record",
                    () -> f.checkpointedAll(written));
            second.terminate();
            second.awaitExit(Duration.ofSeconds(40));
        }
        assertThat(f.archive().check(written).duplicates()).as("records in more than one object").isZero();
    }

    @Test
    void recordTimeFlushesGiveEveryRecordExactlyOneObjectAfterACrashWhileRecordsArrive(LocalAws aws) throws Exception {
        ConsumerFixture f = new ConsumerFixture(aws, "once-time")
                .set("maxBufferAgeMillis", "1000").set("maxBufferSize", "1048576");
        aws.createStream(f.stream, 2);
        List<StreamWriter.Written> all;
        try (Trickle trickle = new Trickle(f.writer(), i -> StreamWriter.text("time-" + i, 10))) {
            f.crashAfterTheFirstUpload(dir.resolve("first"));
            try (JavaProcess second = f.startJar(dir.resolve("second"))) {
                Poll.until(ConsumerFixture.ARCHIVE_DEADLINE, "the second consumer archived objects after the crash",
                        () -> f.archive().objectCount() >= 6);
                all = trickle.stop();
                Poll.until(ConsumerFixture.ARCHIVE_DEADLINE, "the second consumer checkpointed every record",
                        () -> f.checkpointedAll(all));
                second.terminate();
                second.awaitExit(Duration.ofSeconds(40));
            }
        }
        ArchiveChecker.Result result = f.archive().check(all);
        assertThat(result.objects()).as("objects, cut by record time").isGreaterThan(2);
        assertThat(result.duplicates()).as("records in more than one object").isZero();
    }
}
