package dev.clickstream.producer.send;

import dev.clickstream.common.errors.Errors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Sends batches with PutRecords, at most {@code maxInFlight} batches outstanding. A batch holds
 * its slot until every record in it is acknowledged or has finally failed, so retries and their
 * back-off slow the generator down instead of piling up.
 *
 * <p>After each response only the entries marked failed are resent; a whole call that fails with
 * a transient error is resent as a whole. Both wait an exponential back-off with jitter, and a
 * record gets at most {@code maxRetries} resends before it is counted failed. A non-retryable
 * error (access denied, the stream is gone) fails that batch and is reported by {@link #fatalError()}
 * so the run can stop.
 *
 * <p>Each call is made by the blocking client on one of the {@code callers} threads, one per slot:
 * it writes the request as it marshals it and parses the answer as it streams in, where the async
 * client over Netty copies each body several times
 * (docs/benchmarks.md#design-choices-against-the-build-before).
 */
public final class BatchSender {
    private static final Logger LOG = LoggerFactory.getLogger(BatchSender.class);
    /** PutRecords request limit: data plus partition keys. */
    public static final int MAX_REQUEST_BYTES = 5 * 1024 * 1024;

    private final KinesisClient client;
    private final Executor callers;
    private final String stream;
    private final int maxInFlight;
    private final int maxRetries;
    private final BackoffStrategy backoff;
    private final ScheduledExecutorService scheduler;
    private final SendStats stats;
    private final Semaphore slots;
    private final AtomicReference<Throwable> fatal = new AtomicReference<>();
    private final AtomicBoolean misrouted = new AtomicBoolean();
    private volatile ShardPacer pacer;

    public BatchSender(KinesisClient client, Executor callers, String stream, int maxInFlight, int maxRetries,
                       BackoffStrategy backoff, ScheduledExecutorService scheduler, SendStats stats) {
        this.client = client;
        this.callers = callers;
        this.stream = stream;
        this.maxInFlight = maxInFlight;
        this.maxRetries = maxRetries;
        this.backoff = backoff;
        this.scheduler = scheduler;
        this.stats = stats;
        this.slots = new Semaphore(maxInFlight);
    }

    /**
     * Paces the batches per shard so that few entries are refused (see {@link ShardPacer}); without
     * it batches go out as soon as a slot is free and refused entries are simply resent.
     */
    public BatchSender pacedBy(ShardPacer shardPacer) {
        this.pacer = shardPacer;
        return this;
    }

    /** Waits for a free slot; false if none came within {@code timeout}. */
    public boolean acquireSlot(Duration timeout) throws InterruptedException {
        return slots.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Sends a batch in the slot taken by {@link #acquireSlot}; returns at once. */
    public void send(Batch batch) {
        stats.sent(batch.userRecordTotal());
        ShardPacer p = pacer;
        if (p == null) {
            attempt(batch, 0, null);
            return;
        }
        int[] shards = p.shardsOf(batch);
        long wait = p.book(batch, shards);
        if (wait <= 0) {
            attempt(batch, 0, shards);
            return;
        }
        // the batch keeps its slot while it waits, so the generator is held back, not the CPU
        try {
            scheduler.schedule(() -> attempt(batch, 0, shards), wait, TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            giveUp(batch, e);
        }
    }

    /** Waits until no batch is outstanding; false at the deadline. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        if (slots.tryAcquire(maxInFlight, timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            slots.release(maxInFlight);
            return true;
        }
        return false;
    }

    /** The first error that no retry can fix, if any happened. */
    public Optional<Throwable> fatalError() {
        return Optional.ofNullable(fatal.get());
    }

    private void attempt(Batch batch, int attempt, int[] shards) {
        PutRecordsRequest request = PutRecordsRequest.builder().streamName(stream).records(batch.entries()).build();
        try {
            CompletableFuture.supplyAsync(() -> client.putRecords(request), callers).whenComplete((response, error) -> {
                try {
                    if (error != null) {
                        onCallFailed(batch, attempt, shards, error);
                    } else {
                        onResponse(batch, attempt, shards, response);
                    }
                } catch (RuntimeException | Error e) {
                    giveUp(batch, e);
                }
            });
        } catch (RuntimeException e) {
            // the client refused the call before sending it, e.g. because it is closed
            giveUp(batch, e);
        }
    }

    private void onResponse(Batch batch, int attempt, int[] shards, PutRecordsResponse response) {
        stats.call(false);
        List<PutRecordsResultEntry> results = response.records();
        List<PutRecordsRequestEntry> entries = batch.entries();
        if (results.size() != entries.size()) {
            giveUp(batch, new IllegalStateException("PutRecords answered " + results.size()
                    + " results for " + entries.size() + " records"));
            return;
        }
        if (shards != null) {
            pacer.settled(batch, shards, results);
        }
        List<Integer> failed = null;
        Map<String, Integer> errors = null;
        for (int i = 0; i < results.size(); i++) {
            String code = results.get(i).errorCode();
            String expected = batch.expectedShard(i);
            if (code == null && expected != null && !expected.equals(results.get(i).shardId())
                    && misrouted.compareAndSet(false, true)) {
                // the KCL drops user records whose hash key lies outside the shard it reads them from
                LOG.warn("an aggregated record packed for {} landed on {}: the stream was resharded; restart the "
                        + "producer so that it reads the new shards", expected, results.get(i).shardId());
            }
            if (code != null) {
                if (failed == null) {
                    failed = new ArrayList<>();
                    errors = new TreeMap<>();
                }
                failed.add(i);
                errors.merge(code, 1, Integer::sum);
            }
        }
        if (failed == null) {
            stats.acknowledged(batch.userRecordTotal(), entries.size());
            slots.release();
            return;
        }
        // an aggregated record failed is resent whole, with every user record in it
        Batch retry = batch.select(failed);
        int[] retryShards = null;
        if (shards != null) {
            retryShards = new int[failed.size()];
            for (int i = 0; i < retryShards.length; i++) {
                retryShards[i] = shards[failed.get(i)];
            }
        }
        stats.acknowledged(batch.userRecordTotal() - retry.userRecordTotal(), entries.size() - failed.size());
        retryOrFail(retry, attempt, retryShards, failed.size() + " of " + entries.size() + " Kinesis records failed " + errors);
    }

    private void onCallFailed(Batch batch, int attempt, int[] shards, Throwable error) {
        stats.call(true);
        if (!Failures.isRetryable(error)) {
            giveUp(batch, error);
            return;
        }
        retryOrFail(batch, attempt, shards, "call failed: " + Errors.describe(error));
    }

    private void retryOrFail(Batch batch, int attempt, int[] shards, String why) {
        int records = batch.userRecordTotal();
        if (attempt >= maxRetries) {
            LOG.warn("PutRecords: {}; {} records failed for good after {} retries", why, records, attempt);
            stats.failed(records);
            slots.release();
            return;
        }
        long delayNanos = backoff.computeDelay(attempt + 1).toNanos();
        if (shards != null) {
            // a resend takes the shard's capacity as a new entry does: wait for room as well
            delayNanos = Math.max(delayNanos, pacer.book(batch, shards));
        }
        Duration delay = Duration.ofNanos(delayNanos);
        LOG.debug("PutRecords: {}; resending {} records in {} ms (retry {})", why, records,
                delay.toMillis(), attempt + 1);
        stats.retried(records);
        try {
            scheduler.schedule(() -> attempt(batch, attempt + 1, shards), delayNanos, TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            giveUp(batch, e);
        }
    }

    private void giveUp(Batch batch, Throwable error) {
        if (fatal.compareAndSet(null, error)) {
            LOG.error("PutRecords failed and cannot be retried: {}", Errors.describe(error), Errors.unwrap(error));
        }
        stats.failed(batch.userRecordTotal());
        slots.release();
    }

    /** Whether a batch of these entries fits in one PutRecords request. */
    public static boolean fitsOneRequest(int records, int largestEntryBytes) {
        return (long) records * largestEntryBytes <= MAX_REQUEST_BYTES;
    }
}
