package dev.clickstream.consumer.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clickstream.common.status.StatusCounters;
import dev.clickstream.testsupport.FakeCheckpointer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The commit path's ordering and retry rules, with the shared fake checkpointer (no AWS involved). */
class CommitExecutorTest {
    private static final CommitExecutor.Backoff FAST = new CommitExecutor.Backoff(Duration.ofMillis(1), Duration.ofMillis(5));

    private final List<String> uploads = new CopyOnWriteArrayList<>();
    private final FakeCheckpointer checkpointer = new FakeCheckpointer();

    private static Batch batch(String first, String last) {
        return new Batch(first, last, 0, 1, new byte[] {'x', '\n'}, 2, java.time.Instant.EPOCH);
    }

    /** An upload, with the checkpoints made before it: they show the order of the two. */
    private BatchSink.Written uploaded(Batch b) {
        String event = "upload " + b.firstSequence() + " after " + checkpointer.checkpoints();
        uploads.add(event);
        return BatchSink.Written.one(event);
    }

    @Test
    void uploadsThenCheckpointsEachBatchStrictlyInOrder() throws Exception {
        StatusCounters counters = new StatusCounters();
        try (CommitExecutor commits = new CommitExecutor("shard-1", (shard, b) -> uploaded(b), counters,
                LeaseView.ALWAYS, FAST, 2)) {
            commits.submit(batch("1", "2"), checkpointer);
            commits.submit(batch("3", "4"), checkpointer);
            commits.checkpointShardEnd(checkpointer);
        }
        assertThat(uploads).containsExactly("upload 1 after []", "upload 3 after [2]");
        assertThat(checkpointer.checkpoints()).containsExactly("2", "4", "SHARD_END");
        assertThat(counters.outputs()).isEqualTo(2);
        assertThat(counters.records()).isEqualTo(2);
    }

    @Test
    void aFailedUploadIsRetriedAndNothingIsCheckpointedUntilItSucceeds() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        try (CommitExecutor commits = new CommitExecutor("shard-1", (shard, b) -> {
            if (attempts.incrementAndGet() <= 3) {
                uploads.add("failed upload after " + checkpointer.checkpoints());
                throw new IllegalStateException("S3 down");
            }
            return uploaded(b);
        }, new StatusCounters(), LeaseView.ALWAYS, FAST, 2)) {
            commits.submit(batch("1", "2"), checkpointer);
            commits.awaitAll();
        }
        assertThat(uploads).containsExactly("failed upload after []", "failed upload after []",
                "failed upload after []", "upload 1 after []");
        assertThat(checkpointer.checkpoints()).containsExactly("2");
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
        }, new StatusCounters(), shard -> held.get(), FAST, 2)) {
            assertThatThrownBy(() -> {
                commits.submit(batch("1", "2"), checkpointer);
                commits.submit(batch("3", "4"), checkpointer);
                commits.awaitAll();
            }).isInstanceOf(CommitExecutor.LeaseGoneException.class);
        }
        assertThat(checkpointer.checkpoints()).isEmpty();
        assertThat(attempts.get()).isEqualTo(2);
    }

    @Test
    void aCheckpointRefusedBecauseTheLeaseIsGoneIsNotRetried() {
        checkpointer.loseLease();
        try (CommitExecutor commits = new CommitExecutor("shard-1", (shard, b) -> uploaded(b), new StatusCounters(),
                LeaseView.ALWAYS, FAST, 1)) {
            assertThatThrownBy(() -> {
                commits.submit(batch("1", "2"), checkpointer);
                commits.awaitAll();
            }).isInstanceOf(CommitExecutor.LeaseGoneException.class);
        }
        assertThat(uploads).hasSize(1);
    }

    @Test
    void aQueueOfLessThanOneIsABug() {
        assertThatThrownBy(() -> new CommitExecutor("s", (shard, b) -> BatchSink.Written.one("k"), new StatusCounters(), LeaseView.ALWAYS,
                FAST, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
