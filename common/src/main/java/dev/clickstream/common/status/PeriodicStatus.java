package dev.clickstream.common.status;

import dev.clickstream.common.concurrent.DaemonThreads;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The periodic console line of a long run (the producer's progress, the consumers' status): every
 * interval it takes a snapshot of the run's numbers and prints the line made from it and the rate
 * of one count since the previous line. No line is printed once {@link #close()} has returned, so
 * none can come after a final summary.
 *
 * @param <S> the snapshot of the numbers one line shows
 */
public final class PeriodicStatus<S> implements AutoCloseable {

    /** One line from a snapshot and the rate, per second, of the counted number since the previous line. */
    @FunctionalInterface
    public interface Format<S> {
        String line(S snapshot, long perSecond);
    }

    private final Supplier<S> snapshot;
    private final ToLongFunction<S> counted;
    private final Format<S> format;
    private final Consumer<String> out;
    private final LongSupplier nanoClock;
    private final ScheduledExecutorService timer;
    private long lastCount;
    private long lastNanos;
    private boolean closed;

    PeriodicStatus(Supplier<S> snapshot, ToLongFunction<S> counted, Format<S> format, Consumer<String> out,
                   LongSupplier nanoClock) {
        this.snapshot = snapshot;
        this.counted = counted;
        this.format = format;
        this.out = out;
        this.nanoClock = nanoClock;
        this.lastNanos = nanoClock.getAsLong();
        this.timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("status-line"));
    }

    /** Prints a line every {@code interval} from now on; a zero interval prints none. */
    public static <S> PeriodicStatus<S> start(Duration interval, Supplier<S> snapshot, ToLongFunction<S> counted,
                                              Format<S> format, Consumer<String> out) {
        PeriodicStatus<S> status = new PeriodicStatus<>(snapshot, counted, format, out, System::nanoTime);
        long every = interval.toNanos();
        if (every > 0) {
            status.timer.scheduleAtFixedRate(status::print, every, every, TimeUnit.NANOSECONDS);
        }
        return status;
    }

    /** The next line, which also starts the next rate interval. */
    synchronized String line() {
        long now = nanoClock.getAsLong();
        S numbers = snapshot.get();
        long count = counted.applyAsLong(numbers);
        double seconds = (now - lastNanos) / 1e9;
        long rate = seconds <= 0 ? 0 : Math.round((count - lastCount) / seconds);
        lastCount = count;
        lastNanos = now;
        return format.line(numbers, rate);
    }

    synchronized void print() {
        if (!closed) {
            out.accept(line());
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        timer.shutdownNow();
    }
}
