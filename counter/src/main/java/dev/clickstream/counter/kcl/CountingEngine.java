package dev.clickstream.counter.kcl;

import dev.clickstream.common.concurrent.DaemonThreads;
import dev.clickstream.common.counts.ReferrerCount;
import dev.clickstream.common.status.StatusCounters;
import dev.clickstream.counter.CounterListener;
import dev.clickstream.counter.CounterSettings;
import dev.clickstream.common.errors.Errors;
import dev.clickstream.counter.store.CountsSink;
import dev.clickstream.counter.store.WriteResult;
import dev.clickstream.counter.window.SlidingWindowCounter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The counts of one worker, shared by all its shard processors, and the thread that writes them
 * every interval. Sharing one window means a resource whose clicks come through several shards
 * still gets one item per interval, not one partial item per shard.
 *
 * <p>Coverage, for checkpoints: every add is tagged with the current generation; a snapshot
 * closes the generation, and once the snapshot's items are written, every record tagged before it
 * is covered by counts in the table ({@link #isCovered}). A record that has left the window
 * before any write succeeded is covered too: with arrival-time buckets, replaying it could not
 * put it back in any window.
 */
public final class CountingEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CountingEngine.class);
    private static final Duration WARN_EVERY = Duration.ofSeconds(30);

    /** One click to count: the pair and the time it arrived in the stream. */
    public record Pair(String resource, String referrer, Instant arrivedAt) {}

    /** What {@link #add} did. {@code generation} tags the batch for {@link #isCovered}. */
    public record Added(long generation, int counted, int late) {}

    private final CounterSettings settings;
    private final CountsSink sink;
    private final CounterListener listener;
    private final StatusCounters status;
    private final Clock clock;
    private final Object lock = new Object();
    private final SlidingWindowCounter window;
    private final ScheduledExecutorService flusher;
    private final Duration writeTimeout;

    private long generation;                     // guarded by lock
    private volatile long persistedGeneration;   // written by the flusher thread only
    private Set<String> lastWritten = Set.of();  // flusher thread only
    private Instant lastFailureWarning = Instant.EPOCH;
    private int failuresSinceWarning;
    private Instant lastDropWarning = Instant.EPOCH;
    private long referrersDroppedSinceWarning;

    public CountingEngine(CounterSettings settings, CountsSink sink, CounterListener listener, StatusCounters status,
                          Clock clock) {
        this.settings = settings;
        this.sink = sink;
        this.listener = listener;
        this.status = status;
        this.clock = clock;
        this.window = new SlidingWindowCounter(settings.windowSeconds(), settings.topN());
        this.writeTimeout = Duration.ofMillis(Math.max(10_000, settings.interval().toMillis() * 5));
        this.flusher = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("referrer-counter-writer"));
    }

    /** Starts writing every interval. */
    public void start() {
        long ms = settings.interval().toMillis();
        flusher.scheduleAtFixedRate(this::flushQuietly, ms, ms, TimeUnit.MILLISECONDS);
    }

    public Added add(List<Pair> pairs) {
        Instant now = clock.instant();
        int counted = 0;
        int late = 0;
        synchronized (lock) {
            for (Pair p : pairs) {
                if (window.add(p.resource(), p.referrer(), p.arrivedAt(), now)) {
                    counted++;
                } else {
                    late++;
                }
            }
            return new Added(generation, counted, late);
        }
    }

    /** Whether counts covering everything added with this tag are in the table. */
    public boolean isCovered(long tag) {
        return tag < persistedGeneration;
    }

    /**
     * Writes now, on the writer thread (after any write in progress), and waits.
     *
     * @return whether the write succeeded
     */
    public boolean flushNow() {
        try {
            return flusher.submit(this::flushOnce).get(writeTimeout.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException | java.util.concurrent.RejectedExecutionException e) {
            LOG.warn("counts write on demand did not complete: {}", e.toString());
            return false;
        }
    }

    private void flushQuietly() {
        try {
            flushOnce();
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again
            LOG.error("unexpected failure writing counts", e);
        }
    }

    private boolean flushOnce() {
        Instant now;
        Map<String, List<ReferrerCount>> counts;
        long closing;
        synchronized (lock) {
            now = clock.instant();
            counts = window.snapshot(now);
            closing = ++generation;
        }
        // A resource that just emptied gets one empty item, so readers see it drop to zero.
        Map<String, List<ReferrerCount>> items = new HashMap<>(counts);
        for (String resource : lastWritten) {
            items.putIfAbsent(resource, List.of());
        }
        if (items.isEmpty()) {
            persistedGeneration = closing;
            return true;
        }
        WriteResult result;
        try {
            result = sink.write(now, items).get(writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            listener.writeFailed(cause);
            warnWriteFailure(cause.toString());
            return false;
        }
        if (result.written() > 0) {
            listener.countsWritten(now, result.written());
            status.outputsWritten(result.written());
        }
        if (result.referrersDropped() > 0) {
            listener.referrersDropped(result.referrersDropped());
            warnDropped(result.referrersDropped());
        }
        Set<String> written = new HashSet<>(counts.keySet());
        if (!result.failed().isEmpty()) {
            // the items that failed are written again next time (the window still holds their counts);
            // until then the records behind them are not covered, so no checkpoint passes them
            result.failed().values().forEach(listener::writeFailed);
            written.addAll(result.failed().keySet());
            lastWritten = written;
            warnWriteFailure(result.failed().size() + " of " + items.size() + " items failed, e.g. "
                    + describeFailures(result.failed()));
            return false;
        }
        persistedGeneration = closing;
        lastWritten = written;
        return true;
    }

    private static String describeFailures(Map<String, Throwable> failed) {
        return failed.entrySet().stream().limit(3)
                .map(e -> "resource " + abbreviate(e.getKey()) + ": " + Errors.describe(e.getValue()))
                .collect(Collectors.joining("; "));
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }

    private void warnDropped(int dropped) {
        referrersDroppedSinceWarning += dropped;
        Instant now = clock.instant();
        if (Duration.between(lastDropWarning, now).compareTo(WARN_EVERY) >= 0) {
            LOG.warn("left {} referrer(s) out of counts items since the last warning: the items would have exceeded "
                    + "DynamoDB's 400 KB item limit", referrersDroppedSinceWarning);
            lastDropWarning = now;
            referrersDroppedSinceWarning = 0;
        }
    }

    private void warnWriteFailure(String cause) {
        failuresSinceWarning++;
        Instant now = clock.instant();
        if (Duration.between(lastFailureWarning, now).compareTo(WARN_EVERY) >= 0) {
            LOG.warn("could not write counts to table {} ({} failed writes since the last warning): {}",
                    settings.table(), failuresSinceWarning, cause);
            lastFailureWarning = now;
            failuresSinceWarning = 0;
        }
    }

    @Override
    public void close() {
        flusher.shutdownNow();
        try {
            flusher.awaitTermination(writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
