package dev.clickstream.consumer.kcl;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;

/**
 * The KCL's Kinesis client in polling mode, with GetRecords made by a blocking client on the
 * calling thread and every other call passed to the async one. The KCL's prefetch thread waits
 * for each GetRecords future anyway; the blocking client parses the answer as it streams in,
 * where the async one gathers each answer of up to 10,000 records in a growing byte array and
 * copies it before parsing, and it takes the answers off the Netty event loop that the S3
 * uploads and checkpoints share (docs/benchmarks.md#design-choices-against-the-build-before). It is
 * the client the bare GetRecords loop of the backlog benchmark uses.
 *
 * <p>It also paces the reads, in place of the KCL, whose own pause (which {@link SchedulerFactory}
 * sets to 1 ms) follows every read: a read that found the shard caught up (MillisBehindLatest 0,
 * or an error) is followed by the configured {@code idle} pause before the next read of the same
 * iterator chain, but a shard that is behind is read again at once, no more often than every
 * {@code minInterval} from the start of the last read (Kinesis allows 5 reads per second per
 * shard). A backlog is so read without a pause per answer, an idle shard as slowly as before.
 *
 * <p>An exception of the blocking call fails the returned future, as the async client's would, so
 * the KCL maps it the same way (expired iterator, throttling, ...). {@code close()} closes both.
 */
final class BlockingGetRecords implements InvocationHandler {
    /** Kinesis's limit: 5 GetRecords per second per shard. */
    static final Duration KINESIS_MIN_INTERVAL = Duration.ofMillis(200);

    private final KinesisAsyncClient async;
    private final KinesisClient blocking;
    private final long idleNanos;
    private final long minIntervalNanos;
    /** The last read of each iterator chain, by the iterator its next read will use. */
    private final Map<String, LastRead> lastReads = new ConcurrentHashMap<>();

    private final LongSupplier clock;
    private final Sleeper sleeper;

    private record LastRead(boolean caughtUp, long startedNanos, long endedNanos) {}

    /** Thread.sleep, or a test's recorder. */
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private BlockingGetRecords(KinesisAsyncClient async, KinesisClient blocking, Duration idle, Duration minInterval,
                               LongSupplier clock, Sleeper sleeper) {
        this.async = async;
        this.blocking = blocking;
        this.idleNanos = idle.toNanos();
        this.minIntervalNanos = minInterval.toNanos();
        this.clock = clock;
        this.sleeper = sleeper;
    }

    static KinesisAsyncClient wrap(KinesisAsyncClient async, KinesisClient blocking, Duration idle,
                                   Duration minInterval) {
        return wrap(async, blocking, idle, minInterval, System::nanoTime,
                nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
    }

    static KinesisAsyncClient wrap(KinesisAsyncClient async, KinesisClient blocking, Duration idle,
                                   Duration minInterval, LongSupplier clock, Sleeper sleeper) {
        return (KinesisAsyncClient) Proxy.newProxyInstance(KinesisAsyncClient.class.getClassLoader(),
                new Class<?>[] {KinesisAsyncClient.class},
                new BlockingGetRecords(async, blocking, idle, minInterval, clock, sleeper));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (isGetRecords(method, args)) {
            return getRecords((GetRecordsRequest) args[0]);
        }
        if (method.getName().equals("close") && method.getParameterCount() == 0) {
            blocking.close();
        }
        try {
            return method.invoke(async, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private CompletableFuture<GetRecordsResponse> getRecords(GetRecordsRequest request) {
        String iterator = request.shardIterator();
        try {
            pauseAfter(iterator == null ? null : lastReads.remove(iterator));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(AbortedException.create("interrupted before GetRecords"));
        }
        long started = clock.getAsLong();
        try {
            GetRecordsResponse response = blocking.getRecords(request);
            Long behind = response.millisBehindLatest();
            remember(response.nextShardIterator(), behind == null || behind == 0, started);
            return CompletableFuture.completedFuture(response);
        } catch (RuntimeException e) {
            // the KCL retries the same iterator: not at once
            remember(iterator, true, started);
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Notes a read for the next one of its chain, and forgets the reads too old to cause a pause:
     * those of chains the KCL left (a lost lease, a restarted iterator), which would otherwise
     * stay for good.
     */
    private void remember(String nextIterator, boolean caughtUp, long started) {
        long now = clock.getAsLong();
        long pauseAtMost = Math.max(idleNanos, minIntervalNanos);
        lastReads.values().removeIf(read -> now - read.endedNanos() >= pauseAtMost);
        if (nextIterator != null) {
            lastReads.put(nextIterator, new LastRead(caughtUp, started, now));
        }
    }

    /** How many reads are remembered, for tests. */
    int remembered() {
        return lastReads.size();
    }

    private void pauseAfter(LastRead last) throws InterruptedException {
        if (last == null) {
            return;
        }
        long now = clock.getAsLong();
        long pause = last.caughtUp() ? idleNanos - (now - last.endedNanos()) : minIntervalNanos - (now - last.startedNanos());
        if (pause > 0) {
            sleeper.sleep(pause);
        }
    }

    private static boolean isGetRecords(Method method, Object[] args) {
        return method.getName().equals("getRecords") && args != null && args.length == 1
                && args[0] instanceof GetRecordsRequest;
    }
}
