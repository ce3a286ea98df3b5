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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

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
                // a third application reading the same shards as fast as it is let through, until the
                // consumers have been refused: so refusals do not depend on how fast this machine lets
                // the two consumers read
                try (ShardHammer hammer = new ShardHammer(aws.kinesis(), archiver.stream, 2)) {
                    Poll.until(Duration.ofSeconds(60), "refused reads counted",
                            () -> archiving.counters().throttledReads() + counting.counters().throttledReads() > 0);
                }
                Poll.until(ConsumerFixture.ARCHIVE_DEADLINE, "every record archived and checkpointed",
                        () -> archiver.checkpointedAll(written));
                Poll.until(ConsumerFixture.ARCHIVE_DEADLINE, "every record counted and checkpointed",
                        () -> counting.counters().records() >= RECORDS && counter.checkpointedAll(written));
                assertThat(archiving.isStopping()).isFalse();
                assertThat(counting.isStopping()).isFalse();
            }
            ArchiveChecker.Result archived = archiver.archive().check(written);
            assertThat(archived.duplicates()).as("records archived twice").isZero();
        }
    }

    /** Reads each shard's tip in a loop on threads of its own, ignoring refusals, until closed. */
    private static final class ShardHammer implements AutoCloseable {
        private final ExecutorService threads;
        private volatile boolean open = true;

        ShardHammer(KinesisClient kinesis, String stream, int shards) {
            threads = Executors.newFixedThreadPool(shards);
            for (int shard = 0; shard < shards; shard++) {
                String shardId = String.format("shardId-%012d", shard);
                threads.submit(() -> {
                    String[] iterator = {kinesis.getShardIterator(r -> r.streamName(stream).shardId(shardId)
                            .shardIteratorType(ShardIteratorType.LATEST)).shardIterator()};
                    while (open) {
                        try {
                            iterator[0] = kinesis.getRecords(r -> r.shardIterator(iterator[0])).nextShardIterator();
                        } catch (ProvisionedThroughputExceededException e) {
                            // refused like everyone else: try again at once, keeping the bucket empty
                        }
                    }
                    return null;
                });
            }
        }

        @Override
        public void close() throws InterruptedException {
            open = false;
            threads.shutdown();
            threads.awaitTermination(30, TimeUnit.SECONDS);
        }
    }
}
