package dev.clickstream.consumer.kcl;

import dev.clickstream.consumer.config.KclSettings;
import java.time.Duration;

/**
 * How {@link BlockingGetRecords} paces the reads of a shard.
 *
 * @param idle        the pause after a read that found the shard caught up (or failed)
 * @param maxIdle     the longest pause after a run of empty reads: a quiet shard is read less and
 *                    less often, up to this, and at full speed again from the first record
 * @param minInterval the least time from the start of one read of a shard to the next (Kinesis
 *                    allows 5 reads per second per shard, shared by every application reading it)
 * @param hold        how long after a read that returned records the shard's empty reads stay at the
 *                    idle pause before they start to back off: the archiver's buffer age, since it
 *                    flushes a quiet shard's last batch at the first read after the batch comes due
 */
record ReadPacing(Duration idle, Duration maxIdle, Duration minInterval, Duration hold) {
    /** Kinesis's limit: 5 GetRecords per second per shard. */
    static final Duration KINESIS_MIN_INTERVAL = Duration.ofMillis(200);
    /** Empty reads at the idle pause before the pause starts to grow: a burst's quiet gaps stay short. */
    static final int EMPTY_READS_AT_FULL_SPEED = 4;
    /** The longest wait before reading again a shard whose reads Kinesis refuses. */
    static final Duration MAX_THROTTLED_BACKOFF = Duration.ofSeconds(1);
    /** Refused reads of one call retried here before the KCL gets the exception (about 8 s of trying). */
    static final int THROTTLED_RETRIES = 10;

    ReadPacing {
        if (maxIdle.compareTo(idle) < 0) {
            maxIdle = idle;
        }
    }

    static ReadPacing of(KclSettings kcl, Duration hold) {
        return new ReadPacing(Duration.ofMillis(kcl.idleTimeBetweenReadsInMillis()),
                Duration.ofMillis(kcl.maxIdleTimeBetweenReadsInMillis()), KINESIS_MIN_INTERVAL, hold);
    }

    /** The pause after the {@code emptyReads}-th empty read in a row of a caught-up shard (0: it had records). */
    long idleNanos(int emptyReads) {
        int doublings = Math.min(30, Math.max(0, emptyReads - EMPTY_READS_AT_FULL_SPEED));
        long grown = idle.toNanos() << doublings;
        return grown < 0 ? maxIdle.toNanos() : Math.min(maxIdle.toNanos(), grown);
    }

    /** The wait before retrying after the {@code throttled}-th refused read in a row (1 for the first), before jitter. */
    long throttledNanos(int throttled) {
        long grown = minInterval.toNanos() << Math.min(20, throttled - 1);
        return Math.min(MAX_THROTTLED_BACKOFF.toNanos(), grown);
    }
}
