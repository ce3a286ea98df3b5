package dev.clickstream.producer.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/** The resend logic against a scripted PutRecords: each call answers with the next script step. */
class BatchSenderTest {
    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    private final ExecutorService callers = Executors.newSingleThreadExecutor();
    private final SendStats stats = new SendStats();
    private final ScriptedKinesis kinesis = new ScriptedKinesis();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
        callers.shutdownNow();
    }

    @Test
    void onlyTheEntriesMarkedFailedAreResent() throws Exception {
        kinesis.then(failing(Set.of("r1", "r3"), "ProvisionedThroughputExceededException"));
        kinesis.then(failing(Set.of(), null));
        BatchSender sender = sender(3);

        send(sender, "r0", "r1", "r2", "r3", "r4");

        assertThat(kinesis.calls).containsExactly(List.of("r0", "r1", "r2", "r3", "r4"), List.of("r1", "r3"));
        SendStats.Snapshot totals = stats.snapshot();
        assertThat(totals.sent()).isEqualTo(5);
        assertThat(totals.acknowledged()).isEqualTo(5);
        assertThat(totals.retried()).isEqualTo(2);
        assertThat(totals.failed()).isZero();
        assertThat(sender.fatalError()).isEmpty();
    }

    @Test
    void anEntryThatFailsEveryRetryIsCountedFailedAfterMaxRetries() throws Exception {
        for (int i = 0; i < 10; i++) {
            kinesis.then(failing(Set.of("r2"), "InternalFailure"));
        }
        BatchSender sender = sender(2);

        send(sender, "r0", "r1", "r2");

        assertThat(kinesis.calls).containsExactly(List.of("r0", "r1", "r2"), List.of("r2"), List.of("r2"));
        SendStats.Snapshot totals = stats.snapshot();
        assertThat(totals.acknowledged()).isEqualTo(2);
        assertThat(totals.retried()).isEqualTo(2);
        assertThat(totals.failed()).isEqualTo(1);
        assertThat(sender.fatalError()).as("giving up on retries is not fatal").isEmpty();
    }

    @Test
    void aTransientCallFailureResendsTheWholeBatch() throws Exception {
        kinesis.then(request -> {
            throw error(503, "ServiceUnavailable");
        });
        kinesis.then(failing(Set.of(), null));
        BatchSender sender = sender(3);

        send(sender, "r0", "r1");

        assertThat(kinesis.calls).containsExactly(List.of("r0", "r1"), List.of("r0", "r1"));
        assertThat(stats.snapshot().acknowledged()).isEqualTo(2);
        assertThat(stats.snapshot().failedCalls()).isEqualTo(1);
    }

    @Test
    void anErrorNoRetryCanFixFailsTheBatchAtOnceAndIsReported() throws Exception {
        kinesis.then(request -> {
            throw error(400, "ResourceNotFoundException");
        });
        BatchSender sender = sender(5);

        send(sender, "r0", "r1", "r2");

        assertThat(kinesis.calls).hasSize(1);
        assertThat(stats.snapshot().failed()).isEqualTo(3);
        assertThat(sender.fatalError()).hasValueSatisfying(e -> assertThat(e).hasMessageContaining("nope"));
    }

    private BatchSender sender(int maxRetries) {
        return new BatchSender(kinesis, callers, "s", 1, maxRetries, BackoffStrategy.retryImmediately(), scheduler, stats);
    }

    private static void send(BatchSender sender, String... keys) throws InterruptedException {
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (String key : keys) {
            entries.add(PutRecordsRequestEntry.builder().partitionKey(key).data(SdkBytes.fromUtf8String(key)).build());
        }
        assertThat(sender.acquireSlot(Duration.ofSeconds(5))).isTrue();
        sender.send(Batch.plain(entries));
        assertThat(sender.awaitIdle(Duration.ofSeconds(10))).as("batch settled").isTrue();
    }

    /** Answers each entry whose key is in {@code failed} with the error code, the others with success. */
    private static Function<PutRecordsRequest, PutRecordsResponse> failing(Set<String> failed, String code) {
        return request -> PutRecordsResponse.builder()
                .records(request.records().stream().map(e -> failed.contains(e.partitionKey())
                        ? PutRecordsResultEntry.builder().errorCode(code).errorMessage("injected").build()
                        : PutRecordsResultEntry.builder().shardId("shardId-0").sequenceNumber("1").build()).toList())
                .failedRecordCount((int) request.records().stream().filter(e -> failed.contains(e.partitionKey())).count())
                .build();
    }

    private static KinesisException error(int status, String code) {
        return (KinesisException) KinesisException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("nope").build())
                .message("nope").build();
    }

    /** A plain fake of the one call BatchSender makes; every other call is unsupported. */
    private static final class ScriptedKinesis implements KinesisClient {
        private final Deque<Function<PutRecordsRequest, PutRecordsResponse>> script = new ArrayDeque<>();
        final List<List<String>> calls = new CopyOnWriteArrayList<>();

        void then(Function<PutRecordsRequest, PutRecordsResponse> step) {
            script.add(step);
        }

        @Override
        public synchronized PutRecordsResponse putRecords(PutRecordsRequest request) {
            calls.add(request.records().stream().map(PutRecordsRequestEntry::partitionKey).toList());
            Function<PutRecordsRequest, PutRecordsResponse> step = script.poll();
            if (step == null) {
                throw new AssertionError("unscripted call");
            }
            return step.apply(request);
        }

        @Override
        public String serviceName() {
            return "kinesis";
        }

        @Override
        public void close() {}
    }
}
