package dev.clickstream.producer.send;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Spaces calls evenly at a fixed rate: call k is due at start + k × interval. A caller that fell
 * behind (the in-flight bound held it up) may catch up by at most one interval, so a stall is
 * never followed by a burst.
 */
public final class Pacer {
    /** A pacer that never waits: "as fast as the stream accepts". */
    public static final Pacer UNLIMITED = new Pacer(0, System::nanoTime, nanos -> { });

    public interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private final long intervalNanos;
    private final LongSupplier clock;
    private final Sleeper sleeper;
    private long nextDue = Long.MIN_VALUE;

    Pacer(long intervalNanos, LongSupplier clock, Sleeper sleeper) {
        this.intervalNanos = intervalNanos;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** {@code callsPerSecond} 0 means unlimited. */
    public static Pacer perSecond(int callsPerSecond) {
        if (callsPerSecond == 0) {
            return UNLIMITED;
        }
        return new Pacer(TimeUnit.SECONDS.toNanos(1) / callsPerSecond, System::nanoTime, Pacer::park);
    }

    /** Waits until the next call is due. */
    public void awaitNext() throws InterruptedException {
        if (intervalNanos == 0) {
            return;
        }
        long now = clock.getAsLong();
        if (nextDue == Long.MIN_VALUE || now - nextDue > intervalNanos) {
            nextDue = now;
        }
        long wait = nextDue - now;
        if (wait > 0) {
            sleeper.sleepNanos(wait);
        }
        nextDue += intervalNanos;
    }

    private static void park(long nanos) throws InterruptedException {
        long end = System.nanoTime() + nanos;
        long left = nanos;
        while (left > 0) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            left = end - System.nanoTime();
        }
    }
}
