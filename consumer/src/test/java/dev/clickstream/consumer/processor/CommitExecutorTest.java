package dev.clickstream.consumer.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clickstream.consumer.archive.Batch;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;

/** The commit path's ordering and retry rules, with a plain fake checkpointer (no AWS involved). */
class CommitExecutorTest {
    private static final CommitExecutor.Backoff FAST = new CommitExecutor.Backoff(Duration.ofMillis(1), Duration.ofMillis(5));

    private final List<String> events = new CopyOnWriteArrayList<>();

    private RecordProcessorCheckpointer checkpointer() {
        return (RecordProcessorCheckpointer) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RecordProcessorCheckpointer.class}, (proxy, method, args) -> {
                    if (method.getName().equals("checkpoint")) {
                        events.add("checkpoint " + (args == null ? "SHARD_END" : args[0]));
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Batch batch(String first, String last) {
        return new Batch(first, last, 0, 1, new byte[] {'x', '\n'}, 2, null);
    }

    @Test
    void uploadsThenCheckpointsEachBatchStrictlyInOrder() throws Exception {
        StatusCounters counters = new StatusCounters();
        try (CommitExecutor commits = new CommitExecutor("shard-1", (shard, b) -> {
            events.add("upload " + b.firstSequence());
            return "key";
        }, counters, LeaseView.ALWAYS, FAST)) {
            RecordProcessorCheckpointer cp = checkpointer();
            commits.submit(batch("1", "2"), cp);
            commits.submit(batch("3", "4"), cp);
            commits.checkpointShardEnd(cp);
        }
        assertThat(events).containsExactly("upload 1", "checkpoint 2", "upload 3", "checkpoint 4", "checkpoint SHARD_END");
        assertThat(counters.outputs()).isEqualTo(2);
        assertThat(counters.records()).isEqualTo(2);
    }

    @Test
    void aFailedUploadIsRetriedAndNothingIsCheckpointedUntilItSucceeds() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        try (CommitExecutor commits = new CommitExecutor("shard-1", (shard, b) -> {
            if (attempts.incrementAndGet() <= 3) {
                events.add("failed upload");
                throw new IllegalStateException("S3 down");
            }
            events.add("upload " + b.firstSequence());
            return "key";
        }, new StatusCounters(), LeaseView.ALWAYS, FAST)) {
            commits.submit(batch("1", "2"), checkpointer());
            commits.awaitAll();
        }
        assertThat(events).containsExactly("failed upload", "failed upload", "failed upload", "upload 1", "checkpoint 2");
    }

    @Test
    void retryingStopsWithoutCheckpointOnceTheLeaseIsGone() {
        AtomicBoolean held = new AtomicBoolean(true);
        AtomicInteger attempts = new AtomicInteger();
        try (CommitExecutor commits = new CommitExecutor("shard-1", (shard, b) -> {
            if (attempts.incrementAndGet() == 2) {
                held.set(false);
            }
            throw new IllegalStateException("S3 down");
        }, new StatusCounters(), shard -> held.get(), FAST)) {
            commits.submit(batch("1", "2"), checkpointer());
            commits.submit(batch("3", "4"), checkpointer());
            assertThatThrownBy(commits::awaitAll).isInstanceOf(CommitExecutor.LeaseGoneException.class);
        }
        assertThat(events).noneMatch(e -> e.startsWith("checkpoint"));
        assertThat(attempts.get()).isEqualTo(2);
    }
}
