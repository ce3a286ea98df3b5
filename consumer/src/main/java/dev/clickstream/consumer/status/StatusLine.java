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
 * rate since the last line and the largest lag behind the tip of the stream.
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
        long rejected = counters.rejected();
        return String.format(Locale.ROOT, "%s shards %d | records %,d | %s %,d%s | %,d records/s | %s behind",
                LocalTime.now().format(TIME), counters.shardsOwned(), counters.records(), outputNoun,
                counters.outputs(), rejected == 0 ? "" : String.format(Locale.ROOT, " | errors %,d", rejected),
                perSecond, behind < 0 ? "? ms" : String.format(Locale.ROOT, "%,d ms", behind));
    }
}
