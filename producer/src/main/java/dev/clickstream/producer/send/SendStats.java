package dev.clickstream.producer.send;

import java.util.concurrent.atomic.LongAdder;

/** Running totals of one producer run, updated from many threads. */
public final class SendStats {
    private final LongAdder sent = new LongAdder();
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder kinesisRecords = new LongAdder();
    private final LongAdder calls = new LongAdder();
    private final LongAdder failedCalls = new LongAdder();

    /**
     * A consistent-enough copy for printing. Counts are of user records; {@code kinesisRecords} is
     * how many Kinesis records the acknowledged ones went out in (fewer with aggregation).
     */
    public record Snapshot(long sent, long acknowledged, long retried, long failed, long calls, long failedCalls,
                           long kinesisRecords) {
        /** Records sent but neither acknowledged nor counted failed yet. */
        public long pending() {
            return sent - acknowledged - failed;
        }
    }

    void sent(int records) {
        sent.add(records);
    }

    void acknowledged(int records, int inKinesisRecords) {
        acknowledged.add(records);
        kinesisRecords.add(inKinesisRecords);
    }

    void retried(int records) {
        retried.add(records);
    }

    void failed(int records) {
        failed.add(records);
    }

    void call(boolean failedWhole) {
        calls.increment();
        if (failedWhole) {
            failedCalls.increment();
        }
    }

    public Snapshot snapshot() {
        // acknowledged/failed first so that pending() never goes negative on a racing update
        long ack = acknowledged.sum();
        long fail = failed.sum();
        return new Snapshot(sent.sum(), ack, retried.sum(), fail, calls.sum(), failedCalls.sum(), kinesisRecords.sum());
    }
}
