package dev.clickstream.consumer.archive;

import dev.clickstream.common.concurrent.DaemonThreads;
import dev.clickstream.common.errors.Errors;
import dev.clickstream.common.logging.ShardMdc;
import dev.clickstream.common.status.StatusCounters;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.kinesis.exceptions.ShutdownException;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;

/**
 * One shard's commit path: a single thread that, for each batch in turn, writes it and then
 * checkpoints its last sequence number, while the shard's reader goes on buffering. Being
 * single-threaded keeps the order strict, so a checkpoint never passes a batch that is not yet
 * written. At most {@code maxQueued} batches wait or upload at once: {@link #submit} blocks the
 * reader beyond that, which bounds memory and pushes back on the KCL's reads. A failed write is
 * retried with exponential back-off for as long as this worker holds the shard's lease; once the
 * lease is gone the batch and everything after it are abandoned without a checkpoint (the next
 * owner reads them again). Its thread logs with the shard id in the MDC ({@link ShardMdc}).
 */
public final class CommitExecutor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CommitExecutor.class);

    /** Thrown by {@link #awaitAll()} when batches were abandoned because the lease went away. */
    public static final class LeaseGoneException extends Exception {
        LeaseGoneException(String message) {
            super(message);
        }
    }

    private final String shardId;
    private final BatchSink sink;
    private final StatusCounters counters;
    private final LeaseView leases;
    private final Backoff backoff;
    private final int maxQueued;
    private final ExecutorService thread;
    private final Deque<Future<?>> pending = new ArrayDeque<>();
    private volatile boolean abandoned;

    /** Retry delays: the first, and the most it grows to. */
    public record Backoff(Duration initial, Duration max) {
        public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(15));
    }

    public CommitExecutor(String shardId, BatchSink sink, StatusCounters counters, LeaseView leases, Backoff backoff,
                          int maxQueued) {
        if (maxQueued < 1) {
            throw new IllegalArgumentException("maxQueued must be at least 1");
        }
        this.shardId = shardId;
        this.maxQueued = maxQueued;
        this.sink = sink;
        this.counters = counters;
        this.leases = leases;
        this.backoff = backoff;
        this.thread = Executors.newSingleThreadExecutor(DaemonThreads.named("commit-" + shardId));
    }

    /**
     * Queues a batch: write, then {@code checkpoint(lastSeq)}. Returns once it is queued, which
     * waits for the oldest batch when {@code maxQueued} are already queued.
     *
     * @throws LeaseGoneException when an earlier batch was abandoned (this one is not queued)
     */
    public void submit(Batch batch, RecordProcessorCheckpointer checkpointer)
            throws LeaseGoneException, InterruptedException {
        collectFinished();
        while (pending.size() >= maxQueued) {
            awaitOldest();
        }
        pending.add(thread.submit(() -> {
            try (var mdc = ShardMdc.put(shardId)) {
                commit(batch, checkpointer);
            }
            return null;
        }));
    }

    /** Batches queued and not yet committed. */
    public int queued() {
        return pending.size();
    }

    /**
     * Forgets the batches already committed, without waiting.
     *
     * @throws LeaseGoneException when one of them was abandoned
     */
    public void collectFinished() throws LeaseGoneException, InterruptedException {
        while (!pending.isEmpty() && pending.peek().isDone()) {
            awaitOldest();
        }
    }

    /** Blocks until every queued batch is written and checkpointed. */
    public void awaitAll() throws LeaseGoneException, InterruptedException {
        while (!pending.isEmpty()) {
            awaitOldest();
        }
    }

    private void awaitOldest() throws LeaseGoneException, InterruptedException {
        try {
            pending.peek().get();
            pending.remove();
        } catch (ExecutionException | CancellationException e) {
            abandon();
            Throwable cause = Errors.unwrap(e);
            throw new LeaseGoneException("shard " + shardId + ": batch not committed: " + Errors.describe(cause));
        }
    }

    /**
     * {@code checkpoint()} with no sequence number, after everything queued is committed: the
     * shard-end marker that lets the child shards start.
     */
    public void checkpointShardEnd(RecordProcessorCheckpointer checkpointer) throws LeaseGoneException, InterruptedException {
        awaitAll();
        try {
            retrying("shard-end checkpoint").run(() -> {
                checkpointer.checkpoint();
                LOG.info("Successful checkpoint at shard end");
            });
        } catch (RuntimeException e) {
            throw new LeaseGoneException("shard " + shardId + ": shard-end checkpoint failed: " + Errors.describe(e));
        }
    }

    /** The lease is gone: stop retrying and drop what is queued, without checkpointing. */
    public void abandon() {
        abandoned = true;
        pending.forEach(f -> f.cancel(true));
        pending.clear();
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }

    private void commit(Batch batch, RecordProcessorCheckpointer checkpointer) {
        if (abandoned) {
            // an earlier batch was not committed: committing a later one would checkpoint past it
            throw new IllegalStateException("an earlier batch of shard " + shardId + " was abandoned");
        }
        try {
            upload(batch, checkpointer);
        } catch (RuntimeException e) {
            abandoned = true;
            throw e;
        }
    }

    private void upload(Batch batch, RecordProcessorCheckpointer checkpointer) {
        BatchSink.Written written = retrying("upload").get(() -> sink.write(shardId, batch));
        LOG.info("Successfully uploaded data to s3 file: {}", written.description());
        counters.outputsWritten(written.objects());
        counters.recordsRejected(written.errorRecords());
        if (abandoned) {
            // leaseLost came during the upload: the object is in S3, but this worker may no longer checkpoint
            throw new IllegalStateException("shard " + shardId + " was given up during the upload");
        }
        retrying("checkpoint").run(() -> {
            checkpointer.checkpoint(batch.lastSequence(), batch.lastSubSequence());
            LOG.info("Successful checkpoint at sequence number: {}", batch.lastSequence());
        });
        counters.recordsDone(batch.records());
    }

    private FailsafeExecutor<Object> retrying(String what) {
        RetryPolicy<Object> policy = RetryPolicy.builder()
                .handle(Exception.class)
                // a lost lease is final: ShutdownException says so, and so does the lease view
                .abortOn(ShutdownException.class, InterruptedException.class, IllegalArgumentException.class)
                .abortIf((result, failure) -> failure != null && (abandoned || !leases.holds(shardId)))
                .withBackoff(backoff.initial(), backoff.max())
                .withMaxRetries(-1)
                .onFailedAttempt(e -> LOG.warn("{} failed (attempt {}), retrying while the lease is held: {}",
                        what, e.getAttemptCount(), Errors.describe(e.getLastException())))
                .onAbort(e -> LOG.warn("{} abandoned: the lease is no longer held", what))
                .build();
        return Failsafe.with(policy);
    }
}
