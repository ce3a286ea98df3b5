package dev.clickstream.producer;

import dev.clickstream.common.status.PeriodicStatus;
import dev.clickstream.producer.send.SendStats;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The producer's periodic progress line: totals so far and the acknowledged rate since the previous line. */
final class ProgressReporter {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressReporter.class);

    private ProgressReporter() {}

    /** Prints to the console and the log every {@code interval}; closing it stops the lines. */
    static PeriodicStatus<SendStats.Snapshot> start(Duration interval, SendStats stats, Consumer<String> console) {
        return PeriodicStatus.start(interval, stats::snapshot, SendStats.Snapshot::acknowledged,
                ProgressReporter::line, line -> {
                    LOG.info(line);
                    console.accept(line);
                });
    }

    static String line(SendStats.Snapshot s, long perSecond) {
        return String.format(Locale.ROOT, "progress: sent %d, acknowledged %d, retried %d, failed %d, %d records/s%s",
                s.sent(), s.acknowledged(), s.retried(), s.failed(), perSecond,
                s.kinesisRecords() == s.acknowledged() ? "" : ", in " + s.kinesisRecords() + " Kinesis records");
    }
}
