package dev.clickstream.consumer.status;

import dev.clickstream.consumer.processor.StatusCounters;
import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The console's status line every few seconds: shards owned, records done, outputs written, the
 * rate since the last line and the largest lag behind the tip of the stream.
 */
public final class StatusLine implements AutoCloseable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final StatusCounters counters;
    private final String outputNoun;
    private final PrintStream out;
    private final ScheduledExecutorService timer;
    private long lastRecords;
    private long lastNanos = System.nanoTime();

    public StatusLine(StatusCounters counters, String outputNoun, PrintStream out, long intervalMillis) {
        this.counters = counters;
        this.outputNoun = outputNoun;
        this.out = out;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "status-line");
            t.setDaemon(true);
            return t;
        });
        if (intervalMillis > 0) {
            timer.scheduleAtFixedRate(this::print, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        }
    }

    synchronized String line() {
        long now = System.nanoTime();
        long records = counters.records();
        double seconds = Math.max(1e-9, (now - lastNanos) / 1e9);
        long rate = Math.round((records - lastRecords) / seconds);
        lastRecords = records;
        lastNanos = now;
        long behind = counters.maxMillisBehind();
        return String.format(Locale.ROOT, "%s shards %d | records %,d | %s %,d | %,d records/s | %s behind",
                LocalTime.now().format(TIME), counters.shardsOwned(), records, outputNoun, counters.outputs(), rate,
                behind < 0 ? "? ms" : String.format(Locale.ROOT, "%,d ms", behind));
    }

    private void print() {
        out.println(line());
        out.flush();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
