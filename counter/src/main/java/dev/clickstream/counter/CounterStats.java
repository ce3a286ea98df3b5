package dev.clickstream.counter;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Running totals of what the counter did; thread-safe. */
public final class CounterStats implements CounterListener {
    private final AtomicLong counted = new AtomicLong();
    private final AtomicLong late = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong itemsWritten = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong writeFailures = new AtomicLong();
    private final AtomicLong checkpoints = new AtomicLong();
    private final AtomicLong referrersDropped = new AtomicLong();
    private final AtomicReference<Instant> lastWrite = new AtomicReference<>();

    @Override
    public void recordsProcessed(String shardId, int counted, int late, int malformed) {
        this.counted.addAndGet(counted);
        this.late.addAndGet(late);
        this.malformed.addAndGet(malformed);
    }

    @Override
    public void countsWritten(Instant timestamp, int items) {
        writes.incrementAndGet();
        itemsWritten.addAndGet(items);
        lastWrite.set(timestamp);
    }

    @Override
    public void writeFailed(Throwable cause) {
        writeFailures.incrementAndGet();
    }

    @Override
    public void referrersDropped(int count) {
        referrersDropped.addAndGet(count);
    }

    @Override
    public void checkpointed(String shardId, String sequenceNumber) {
        checkpoints.incrementAndGet();
    }

    public long counted() { return counted.get(); }
    public long late() { return late.get(); }
    public long malformed() { return malformed.get(); }
    public long itemsWritten() { return itemsWritten.get(); }
    public long writes() { return writes.get(); }
    public long writeFailures() { return writeFailures.get(); }
    public long checkpoints() { return checkpoints.get(); }
    public long referrersDropped() { return referrersDropped.get(); }
    public Instant lastWrite() { return lastWrite.get(); }

    @Override
    public String toString() {
        return "counted=" + counted() + " late=" + late() + " malformed=" + malformed() + " writes=" + writes()
                + " items=" + itemsWritten() + " writeFailures=" + writeFailures() + " checkpoints=" + checkpoints() + " referrersDropped=" + referrersDropped();
    }
}
