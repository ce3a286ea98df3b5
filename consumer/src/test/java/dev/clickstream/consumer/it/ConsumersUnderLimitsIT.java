package dev.clickstream.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.common.event.ClickEvent;
import dev.clickstream.common.event.ClickEventCodec;
import dev.clickstream.consumer.kcl.ConsumerRuntime;
import dev.clickstream.local.KinesisLimits;
import dev.clickstream.testsupport.LocalAws;
import dev.clickstream.testsupport.Poll;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archiver and the counter on one stream, as the quick start runs them, under Kinesis's
 * per-shard limits (a stack of its own with --kinesis-limits aws): reading far more often than
 * the shared 5 reads a second allow, they are refused, count the refusals for the status line,
 * and still archive and count every record once, on every shard.
 */
class ConsumersUnderLimitsIT {
    private static final int RECORDS = 2000;

    @TempDir
    Path dir;

    @Test
    void bothConsumersThrottledOnOneStreamLoseNothingAndCountTheRefusals() throws Exception {
        try (LocalAws aws = LocalAws.startWith(KinesisLimits.AWS, dir)) {
            // 20 reads a second each when caught up: together 8 times what a shard allows
            ConsumerFixture archiver = new ConsumerFixture(aws, "limits").set("idleTimeBetweenReadsInMillis", "50");
            ConsumerFixture counter = new ConsumerFixture(aws, "limits-counter")
                    .counting(LocalAws.uniqueName("limits-counts"), Duration.ofSeconds(300))
                    .set("streamName", archiver.stream).set("idleTimeBetweenReadsInMillis", "50");
            aws.createStream(archiver.stream, 2);
            List<byte[]> events = new ArrayList<>();
            for (int i = 0; i < RECORDS; i++) {
                events.add(ClickEventCodec.toJson(new ClickEvent("resource-" + i % 7, "http://referrer-" + i % 3)));
            }
            List<StreamWriter.Written> written = archiver.writer().put(events);

            try (ConsumerRuntime archiving = archiver.startInProcess(List.of());
                 ConsumerRuntime counting = counter.startInProcess(List.of())) {
                Poll.until(ConsumerFixture.ARCHIVE_DEADLINE, "every record archived and checkpointed",
                        () -> archiver.checkpointedAll(written));
                Poll.until(ConsumerFixture.ARCHIVE_DEADLINE, "every record counted and checkpointed",
                        () -> counting.counters().records() >= RECORDS && counter.checkpointedAll(written));
                Poll.until(Duration.ofSeconds(30), "refused reads counted",
                        () -> archiving.counters().throttledReads() + counting.counters().throttledReads() > 0);
                assertThat(archiving.isStopping()).isFalse();
                assertThat(counting.isStopping()).isFalse();
            }
            ArchiveChecker.Result archived = archiver.archive().check(written);
            assertThat(archived.duplicates()).as("records archived twice").isZero();
        }
    }
}
