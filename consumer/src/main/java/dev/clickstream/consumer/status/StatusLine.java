package dev.clickstream.consumer.status;

import dev.clickstream.common.status.PeriodicStatus;
import dev.clickstream.common.status.StatusCounters;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The console's status line every few seconds: shards owned, records done, outputs written, the
 * rate since the last line, the largest lag behind the tip of the stream and the reads Kinesis
 * refused so far (throttled reads are retried, never skipped).
 */
public final class StatusLine {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private StatusLine() {}

    /** Prints every {@code intervalMillis} (0: never) until closed. */
    public static PeriodicStatus<StatusCounters> start(StatusCounters counters, String outputNoun, PrintStream out,
                                                       long intervalMillis) {
        return PeriodicStatus.start(Duration.ofMillis(intervalMillis), () -> counters, StatusCounters::records,
                (c, rate) -> line(c, outputNoun, rate), line -> {
                    out.println(line);
                    out.flush();
                });
    }

    static String line(StatusCounters counters, String outputNoun, long perSecond) {
        long behind = counters.maxMillisBehind();
        return String.format(Locale.ROOT, "%s shards %d | records %,d | %s %,d | %,d records/s | %s behind | %,d reads throttled",
                LocalTime.now().format(TIME), counters.shardsOwned(), counters.records(), outputNoun,
                counters.outputs(), perSecond, behind < 0 ? "? ms" : String.format(Locale.ROOT, "%,d ms", behind),
                counters.throttledReads())
                + skipped(counters) + errors(counters);
    }

    /** " | skipped N malformed" once there are any, for the status and the stop line. */
    public static String skipped(StatusCounters counters) {
        long skipped = counters.skipped();
        return skipped == 0 ? "" : String.format(Locale.ROOT, " | skipped %,d malformed", skipped);
    }

    /** " | errors N" once records went to the archiver's error prefix. */
    static String errors(StatusCounters counters) {
        long rejected = counters.rejected();
        return rejected == 0 ? "" : String.format(Locale.ROOT, " | errors %,d", rejected);
    }
}
