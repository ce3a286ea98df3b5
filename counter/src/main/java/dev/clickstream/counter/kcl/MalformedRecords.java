package dev.clickstream.counter.kcl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Counts skipped records and warns about them at most once per period, so a bad producer cannot flood the log. */
public final class MalformedRecords {
    private static final Logger LOG = LoggerFactory.getLogger(MalformedRecords.class);

    private final Clock clock;
    private final Duration period;
    private final AtomicLong total = new AtomicLong();
    private long sinceWarning;
    private Instant lastWarning;

    public MalformedRecords(Clock clock, Duration period) {
        this.clock = clock;
        this.period = period;
    }

    /** Notes one malformed record; returns whether a warning was logged for it. */
    public synchronized boolean record(String shardId, String sequenceNumber) {
        total.incrementAndGet();
        sinceWarning++;
        Instant now = clock.instant();
        if (lastWarning == null || Duration.between(lastWarning, now).compareTo(period) >= 0) {
            LOG.warn("skipped {} malformed record(s) (not a JSON object with string fields resource and referrer), "
                    + "latest in {} at sequence number {}; {} in all", sinceWarning, shardId, sequenceNumber, total.get());
            lastWarning = now;
            sinceWarning = 0;
            return true;
        }
        return false;
    }

    /** Logs the records skipped since the last warning, if any: at shutdown, so that none goes unreported. */
    public synchronized void flush() {
        if (sinceWarning > 0) {
            LOG.warn("skipped {} malformed record(s) since the last warning; {} in all", sinceWarning, total.get());
            sinceWarning = 0;
            lastWarning = clock.instant();
        }
    }

    public long total() {
        return total.get();
    }
}
