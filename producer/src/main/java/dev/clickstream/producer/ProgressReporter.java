package dev.clickstream.producer;

import dev.clickstream.producer.send.SendStats;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The periodic progress line: totals so far and the acknowledged rate since the previous line. */
final class ProgressReporter {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressReporter.class);

    private final SendStats stats;
    private final Consumer<String> console;
    private long lastNanos = System.nanoTime();
    private long lastAcknowledged;
    private boolean stopped;

    ProgressReporter(SendStats stats, Consumer<String> console) {
        this.stats = stats;
        this.console = console;
    }

    /** No line after this returns, so none can follow the summary. */
    synchronized void stop() {
        stopped = true;
    }

    synchronized void report() {
        if (stopped) {
            return;
        }
        long now = System.nanoTime();
        SendStats.Snapshot s = stats.snapshot();
        double seconds = (now - lastNanos) / 1e9;
        double rate = seconds <= 0 ? 0 : (s.acknowledged() - lastAcknowledged) / seconds;
        lastNanos = now;
        lastAcknowledged = s.acknowledged();
        String line = String.format("progress: sent %d, acknowledged %d, retried %d, failed %d, %.0f records/s%s",
                s.sent(), s.acknowledged(), s.retried(), s.failed(), rate,
                s.kinesisRecords() == s.acknowledged() ? "" : ", in " + s.kinesisRecords() + " Kinesis records");
        LOG.info(line);
        console.accept(line);
    }
}
