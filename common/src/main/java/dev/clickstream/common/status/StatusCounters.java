package dev.clickstream.common.status;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The numbers behind a KCL worker's status line, updated by its record processors where their work
 * is done: shards owned, records handled, outputs written (S3 objects, table items, checkpoints),
 * how far each shard is behind the tip of the stream and how many reads Kinesis refused. Thread-safe; processors on many shards
 * update it at once.
 */
public final class StatusCounters {
    private final LongAdder records = new LongAdder();
    private final LongAdder outputs = new LongAdder();
    private final LongAdder throttledReads = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final Map<String, Long> behindByShard = new ConcurrentHashMap<>();

    /** A processor took a shard. */
    public void shardStarted(String shardId) {
        behindByShard.put(shardId, -1L);
    }

    /** A processor gave a shard up (ended, lost or shut down). */
    public void shardStopped(String shardId) {
        behindByShard.remove(shardId);
    }

    /** From ProcessRecordsInput.millisBehindLatest(); null (unknown) is ignored. */
    public void millisBehind(String shardId, Long millis) {
        if (millis != null) {
            behindByShard.computeIfPresent(shardId, (k, old) -> millis);
        }
    }

    /** Records fully handled: for the archiver, uploaded and checkpointed. */
    public void recordsDone(long count) {
        records.add(count);
    }

    /** Records that could not be used (malformed) and were passed over; they are among {@link #records()}. */
    public void recordsSkipped(long count) {
        skipped.add(count);
    }

    public long skipped() {
        return skipped.sum();
    }

    public void outputsWritten(long count) {
        outputs.add(count);
    }

    /** Kinesis refused a read of a shard (its 5 reads or 2 MiB a second, shared by every reader). */
    public void readThrottled() {
        throttledReads.increment();
    }

    public long throttledReads() {
        return throttledReads.sum();

    }

    /** Records written aside instead of to the output (the archiver's error prefix); part of {@link #records()}. */
    public void recordsRejected(long count) {
        rejected.add(count);
    }

    public long rejected() {
        return rejected.sum();
    }

    public int shardsOwned() {
        return behindByShard.size();
    }

    public long records() {
        return records.sum();
    }

    public long outputs() {
        return outputs.sum();
    }

    /** The largest known lag over the owned shards, or -1 when none is known yet. */
    public long maxMillisBehind() {
        return behindByShard.values().stream().mapToLong(Long::longValue).max().orElse(-1);
    }
}
