package dev.clickstream.consumer.kcl;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;

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
 * or an error) is followed by the idle pause before the next read of the same iterator chain, but
 * a shard that is behind is read again at once, no more often than every {@code minInterval} from
 * the start of the last read (Kinesis allows 5 reads per second per shard). A backlog is so read
 * without a pause per answer. A quiet shard (a run of empty reads) is read less and less often, up
 * to {@code maxIdle}, and at full speed again from the first record: idle shards cost next to nothing.
 * The back-off starts only once {@code hold} has passed since the chain's last records, so a
 * quiet shard is still read at full speed when the archiver's last batch comes due.
 *
 * <p>A read Kinesis refuses (ProvisionedThroughputExceededException: the shard's 5 reads or 2 MiB
 * a second, shared with every other application reading it) is counted and retried here after a
 * growing, jittered wait (from {@code minInterval} up to a second), so two applications share a
 * shard without either stalling it, and the KCL sees the exception only after
 * {@link ReadPacing#THROTTLED_RETRIES} refusals in a row. The blocking client must not retry
 * refused reads itself.
 *
 * <p>Any other exception of the blocking call fails the returned future, as the async client's
 * would, so the KCL maps it the same way (expired iterator, ...). {@code close()} closes both.
 */
final class BlockingGetRecords implements InvocationHandler {
    private final KinesisAsyncClient async;
    private final KinesisClient blocking;
    private final ReadPacing pacing;
    private final Runnable onThrottled;
    /** The last read of each iterator chain, by the iterator its next read will use. */
    private final Map<String, LastRead> lastReads = new ConcurrentHashMap<>();

    private final LongSupplier clock;
    private final Sleeper sleeper;
    private final DoubleSupplier random;

    /**
     * A read that ended a chain's step: whether it found the shard caught up, how many empty reads
     * led to it since the hold of the chain's last records ({@code heldUntilNanos}) ran out.
     */
    private record LastRead(boolean caughtUp, int emptyReads, long startedNanos, long endedNanos, long heldUntilNanos) {
        /** A read that starts no hold and no back-off. */
        static LastRead plain(boolean caughtUp, long startedNanos, long endedNanos) {
            return new LastRead(caughtUp, 0, startedNanos, endedNanos, endedNanos);
        }
    }

    /** Thread.sleep, or a test's recorder. */
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private BlockingGetRecords(KinesisAsyncClient async, KinesisClient blocking, ReadPacing pacing, Runnable onThrottled,
                               LongSupplier clock, Sleeper sleeper, DoubleSupplier random) {
        this.async = async;
        this.blocking = blocking;
        this.pacing = pacing;
        this.onThrottled = onThrottled;
        this.clock = clock;
        this.sleeper = sleeper;
        this.random = random;
    }

    static KinesisAsyncClient wrap(KinesisAsyncClient async, KinesisClient blocking, ReadPacing pacing,
                                   Runnable onThrottled) {
        return wrap(async, blocking, pacing, onThrottled, System::nanoTime,
                nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    static KinesisAsyncClient wrap(KinesisAsyncClient async, KinesisClient blocking, ReadPacing pacing,
                                   Runnable onThrottled, LongSupplier clock, Sleeper sleeper, DoubleSupplier random) {
        return (KinesisAsyncClient) Proxy.newProxyInstance(KinesisAsyncClient.class.getClassLoader(),
                new Class<?>[] {KinesisAsyncClient.class},
                new BlockingGetRecords(async, blocking, pacing, onThrottled, clock, sleeper, random));
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
        LastRead last = iterator == null ? null : lastReads.remove(iterator);
        int emptyBefore = last == null ? 0 : last.emptyReads();
        try {
            pauseAfter(last);
        } catch (InterruptedException e) {
            return interrupted();
        }
        for (int throttled = 1; ; throttled++) {
            long started = clock.getAsLong();
            try {
                GetRecordsResponse response = blocking.getRecords(request);
                long ended = clock.getAsLong();
                Long behind = response.millisBehindLatest();
                boolean caughtUp = behind == null || behind == 0;
                boolean empty = !response.hasRecords() || response.records().isEmpty();
                long heldUntil = !empty ? ended + pacing.hold().toNanos() : last == null ? ended : last.heldUntilNanos();
                boolean held = heldUntil - ended > 0;
                remember(response.nextShardIterator(), new LastRead(caughtUp,
                        caughtUp && empty && !held ? emptyBefore + 1 : 0, started, ended, heldUntil));
                return CompletableFuture.completedFuture(response);
            } catch (ProvisionedThroughputExceededException e) {
                onThrottled.run();
                if (throttled > ReadPacing.THROTTLED_RETRIES) {
                    remember(iterator, LastRead.plain(true, started, clock.getAsLong()));
                    return CompletableFuture.failedFuture(e);
                }
                long wait = pacing.throttledNanos(throttled);
                try {
                    sleeper.sleep(wait / 2 + (long) (random.getAsDouble() * (wait / 2)));
                } catch (InterruptedException interrupted) {
                    return interrupted();
                }
            } catch (RuntimeException e) {
                // the KCL retries the same iterator: not at once
                remember(iterator, LastRead.plain(true, started, clock.getAsLong()));
                return CompletableFuture.failedFuture(e);
            }
        }
    }

    private static CompletableFuture<GetRecordsResponse> interrupted() {
        Thread.currentThread().interrupt();
        return CompletableFuture.failedFuture(AbortedException.create("interrupted before GetRecords"));
    }

    /**
     * Notes a read for the next one of its chain, and forgets the reads too old to cause a pause:
     * those of chains the KCL left (a lost lease, a restarted iterator), which would otherwise
     * stay for good.
     */
    private void remember(String nextIterator, LastRead read) {
        long pauseAtMost = Math.max(pacing.maxIdle().toNanos(), pacing.minInterval().toNanos());
        lastReads.values().removeIf(old -> read.endedNanos() - old.endedNanos() >= pauseAtMost);
        if (nextIterator != null) {
            lastReads.put(nextIterator, read);
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
        long pause = last.caughtUp() ? pacing.idleNanos(last.emptyReads()) - (now - last.endedNanos())
                : pacing.minInterval().toNanos() - (now - last.startedNanos());
        if (pause > 0) {
            sleeper.sleep(pause);
        }
    }

    private static boolean isGetRecords(Method method, Object[] args) {
        return method.getName().equals("getRecords") && args != null && args.length == 1
                && args[0] instanceof GetRecordsRequest;
    }
}
