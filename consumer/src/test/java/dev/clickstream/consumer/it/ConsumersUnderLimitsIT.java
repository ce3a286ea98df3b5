package dev.clickstream.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.common.event.ClickEvent;
import dev.clickstream.common.event.ClickEventCodec;
import dev.clickstream.consumer.kcl.ConsumerRuntime;
import dev.clickstream.local.KinesisLimits;
import dev.clickstream.local.LocalStackOptions;
import dev.clickstream.testsupport.LocalAws;
import dev.clickstream.testsupport.Poll;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * The archiver and the counter on one stream, as the quick start runs them, under Kinesis's
 * per-shard limits (a stack of the class's own with --kinesis-limits aws). Polling far more often
 * than the shared 5 reads a second allow, they are refused, count the refusals for the status line,
 * and still archive and count every record once, on every shard. In FANOUT mode each has a stream
 * consumer of its own, whose reads no polling reader can use up, and whose subscriptions the engine
 * ends early (2 s) so that the KCL's resubscriptions are part of the run.
 */
class ConsumersUnderLimitsIT {
    private static final int RECORDS = 2000;

    @TempDir
    static Path dir;
    private static LocalAws aws;

    @BeforeAll
    static void startStack() throws Exception {
        // subscriptions end after 2 s instead of AWS's 5 minutes, so the FANOUT consumers resubscribe
        // while they drain, from where each subscription ended
        aws = LocalAws.start(LocalStackOptions.onFreePorts(dir.resolve("data"), dir.resolve("logs"))
                .withKinesisLimits(KinesisLimits.AWS).withSubscriptionLimit(Duration.ofSeconds(2)));
    }

    @AfterAll
    static void stopStack() {
        aws.close();
    }

    @Test
    void bothConsumersThrottledOnOneStreamLoseNothingAndCountTheRefusals() throws Exception {
        // 20 reads a second each when caught up: together 8 times what a shard allows
        ConsumerFixture archiver = new ConsumerFixture(aws, "limits").set("idleTimeBetweenReadsInMillis", "50");
        ConsumerFixture counter = counterBeside(archiver, "limits-counter").set("idleTimeBetweenReadsInMillis", "50");
        List<StreamWriter.Written> written = writeClicks(archiver);

        try (ConsumerRuntime archiving = archiver.startInProcess(List.of());
             ConsumerRuntime counting = counter.startInProcess(List.of())) {
            // a third application reading the same shards as fast as it is let through, until the
            // consumers have been refused: so refusals do not depend on how fast this machine lets
            // the two consumers read
            try (ShardHammer hammer = new ShardHammer(aws, archiver.stream, 2, 0)) {
                Poll.until(Duration.ofSeconds(60), "refused reads counted",
                        () -> archiving.counters().throttledReads() + counting.counters().throttledReads() > 0);
            }
            bothKeepUp(archiver, archiving, counter, counting, written);
        }
        assertThat(archiver.archive().check(written).duplicates()).as("records archived twice").isZero();
    }

    @Test
    void inFanOutModeEachHasItsOwnStreamConsumerAndBothKeepUpWhilePollingReadersAreRefused() throws Exception {
        ConsumerFixture archiver = new ConsumerFixture(aws, "limits-fanout").set("retrievalMode", "FANOUT");
        ConsumerFixture counter = counterBeside(archiver, "limits-fanout-counter").set("retrievalMode", "FANOUT");

        try (ConsumerRuntime archiving = archiver.startInProcess(List.of());
             ConsumerRuntime counting = counter.startInProcess(List.of());
             // a polling reader 20 times a second per shard keeps the shards' shared read buckets empty
             ShardHammer hammer = new ShardHammer(aws, archiver.stream, 2, 50)) {
            Poll.until(Duration.ofSeconds(60), "the polling reader refused", () -> hammer.refused() > 0);
            List<StreamWriter.Written> written = writeClicks(archiver);
            bothKeepUp(archiver, archiving, counter, counting, written);
            assertThat(hammer.refused()).as("refused polling reads").isPositive();
            assertThat(archiver.streamConsumers()).as("the stream's consumers")
                    .containsExactly(archiver.application + " ACTIVE", counter.application + " ACTIVE");
            assertThat(archiver.archive().check(written).duplicates()).as("records archived twice").isZero();
        }
    }

    /** The counter on the archiver's stream (which this creates), under an application of its own. */
    private static ConsumerFixture counterBeside(ConsumerFixture archiver, String name) {
        aws.createStream(archiver.stream, 2);
        return new ConsumerFixture(aws, name).counting(LocalAws.uniqueName(name + "-counts"), Duration.ofSeconds(300))
                .set("streamName", archiver.stream);
    }

    private static List<StreamWriter.Written> writeClicks(ConsumerFixture f) {
        List<byte[]> events = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            events.add(ClickEventCodec.toJson(new ClickEvent("resource-" + i % 7, "http://referrer-" + i % 3)));
        }
        return f.writer().put(events);
    }

    private static void bothKeepUp(ConsumerFixture archiver, ConsumerRuntime archiving, ConsumerFixture counter,
                                   ConsumerRuntime counting, List<StreamWriter.Written> written) {
        Poll.until(ConsumerFixture.ARCHIVE_DEADLINE, "every record archived and checkpointed",
                () -> archiver.checkpointedAll(written));
        Poll.until(ConsumerFixture.ARCHIVE_DEADLINE, "every record counted and checkpointed",
                () -> counting.counters().records() >= RECORDS && counter.checkpointedAll(written));
        assertThat(archiving.isStopping()).isFalse();
        assertThat(counting.isStopping()).isFalse();
    }

    /**
     * Reads each shard's tip in a loop on threads of its own, {@code pauseMillis} between reads,
     * through a client that does not retry a refused read (the SDK's default would, with back-off),
     * ignoring refusals (and counting them), until closed.
     */
    private static final class ShardHammer implements AutoCloseable {
        private final KinesisClient kinesis;
        private final ExecutorService threads;
        private final AtomicLong refused = new AtomicLong();
        private volatile boolean open = true;

        ShardHammer(LocalAws aws, String stream, int shards, long pauseMillis) {
            kinesis = aws.settings(aws.endpoints().kinesis()).configure(KinesisClient.builder())
                    .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                    .httpClient(UrlConnectionHttpClient.create()).build();
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
                            // refused like everyone else: try again, keeping the bucket empty
                            refused.incrementAndGet();
                        }
                        Thread.sleep(pauseMillis); // pacing the reader, not synchronising the test
                    }
                    return null;
                });
            }
        }

        long refused() {
            return refused.get();
        }

        @Override
        public void close() throws InterruptedException {
            open = false;
            threads.shutdown();
            threads.awaitTermination(30, TimeUnit.SECONDS);
            kinesis.close();
        }
    }
}
