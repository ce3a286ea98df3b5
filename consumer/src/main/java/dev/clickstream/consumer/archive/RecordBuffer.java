package dev.clickstream.consumer.archive;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;

/**
 * One shard's pending records, as the original stores them: each record's bytes plus "\n". The
 * size counts those bytes, and is tested after each record, so the record that crosses
 * {@code maxBytes} is included.
 *
 * <p>With an age limit ({@code maxAgeMillis} > 0) a batch is also cut on record time: a record
 * that arrived in Kinesis {@code maxAgeMillis} or more after the batch's first record starts the
 * next batch (Kafka Connect S3's {@code rotate.interval.ms}). Both cuts depend only on the records,
 * so a replay from the last checkpoint cuts the same batches again. Only the idle flush
 * ({@link #isDue}) reads the wall clock. Not thread-safe: one shard's processor uses it.
 */
public final class RecordBuffer {
    private static final int MIN_CAPACITY = 16 * 1024;

    private final long maxBytes;
    private final long maxAgeMillis;
    private byte[] bytes;
    private int length;
    private int records;
    private String firstSequence;
    private String lastSequence;
    private long firstSubSequence;
    private long lastSubSequence;
    private long firstArrivalMillis;
    private long lastArrivalMillis;
    private long firstAddedMillis;
    private final boolean keepRecords;
    private BatchRecords.Builder kept;

    public RecordBuffer(long maxBytes, long maxAgeMillis) {
        this(maxBytes, maxAgeMillis, false);
    }

    /**
     * {@code keepRecords}: also keep each record's own position, partition key and arrival time
     * ({@link Batch#records()}), for a batch that is split into partitions or rows; then empty
     * records are kept too.
     */
    public RecordBuffer(long maxBytes, long maxAgeMillis, boolean keepRecords) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1");
        }
        this.maxBytes = maxBytes;
        this.maxAgeMillis = maxAgeMillis;
        this.bytes = new byte[initialCapacity(maxBytes)];
        this.keepRecords = keepRecords;
        this.kept = keepRecords ? new BatchRecords.Builder() : null;
    }

    public boolean add(ByteBuffer data, String sequenceNumber, long subSequenceNumber, long arrivalMillis,
                       long nowMillis) {
        return add(data, sequenceNumber, subSequenceNumber, "", arrivalMillis, nowMillis);
    }

    /**
     * Appends a record's data and "\n"; empty data is skipped unless records are kept. Returns whether the buffer is now
     * full, i.e. must be drained before the next record. {@code arrivalMillis} is the record's
     * ApproximateArrivalTimestamp, {@code nowMillis} the local clock.
     */
    public boolean add(ByteBuffer data, String sequenceNumber, long subSequenceNumber, String partitionKey,
                       long arrivalMillis, long nowMillis) {
        int n = data.remaining();
        if (n == 0 && !keepRecords) {
            return isFull();
        }
        ensureCapacity(length + n + 1);
        // a duplicate, so the caller's buffer position is left alone (the KCL may hand it out again)
        data.duplicate().get(bytes, length, n);
        length += n;
        if (keepRecords) {
            kept.add(length, sequenceNumber, subSequenceNumber, partitionKey, arrivalMillis);
        }
        bytes[length++] = '\n';
        if (records == 0) {
            firstSequence = sequenceNumber;
            firstSubSequence = subSequenceNumber;
            firstArrivalMillis = arrivalMillis;
            firstAddedMillis = nowMillis;
        }
        records++;
        lastArrivalMillis = arrivalMillis;
        lastSequence = sequenceNumber;
        lastSubSequence = subSequenceNumber;
        return isFull();
    }

    public boolean isFull() {
        return length >= maxBytes;
    }

    /**
     * Record time: whether a record that arrived at {@code arrivalMillis} must start a new batch,
     * i.e. the buffer is drained before it is added.
     */
    public boolean isDueBefore(long arrivalMillis) {
        return records > 0 && maxAgeMillis > 0 && arrivalMillis - firstArrivalMillis >= maxAgeMillis;
    }

    /**
     * Wall clock, for an idle shard only: whether the buffer's first record arrived in Kinesis
     * {@code maxAgeMillis} ago, or has been held that long here. The first rule flushes the tail
     * of a backlog at the first empty read instead of holding records that are long overdue; the
     * second keeps a skewed local clock from holding them longer than the age. A batch cut this
     * way may be cut differently on a replay.
     */
    public boolean isDue(long nowMillis) {
        return records > 0 && maxAgeMillis > 0
                && (nowMillis - firstAddedMillis >= maxAgeMillis || nowMillis - firstArrivalMillis >= maxAgeMillis);
    }

    /**
     * Wall clock, at the tip of the shard: whether the newest record here arrived in Kinesis
     * {@code maxAgeMillis} ago, i.e. the stream has been quiet that long. The next read would then
     * find the shard empty and {@link #isDue} cut this same batch, or find records that arrived
     * since, which {@link #isDueBefore} would start a new batch with: the same batch either way, so
     * the caller may cut it at once. While records keep arriving it is false.
     */
    public boolean isQuiet(long nowMillis) {
        return records > 0 && maxAgeMillis > 0 && nowMillis - lastArrivalMillis >= maxAgeMillis;
    }

    public boolean isEmpty() {
        return records == 0;
    }

    public int size() {
        return length;
    }

    public int records() {
        return records;
    }

    /** Hands the buffered records over as a batch and starts empty. */
    public Batch drain() {
        if (records == 0) {
            throw new IllegalStateException("nothing buffered");
        }
        Batch batch = new Batch(firstSequence, firstSubSequence, lastSequence, lastSubSequence, records, bytes, length,
                Instant.ofEpochMilli(firstArrivalMillis), keepRecords ? kept.build() : null);
        // the next batch will likely be as large, so start at this capacity instead of growing again
        bytes = new byte[(int) Math.max(initialCapacity(maxBytes), Math.min(bytes.length, capacityLimit()))];
        reset();
        return batch;
    }

    /** Drops everything buffered (the lease was lost: another worker will read these records). */
    public void clear() {
        reset();
    }

    private void reset() {
        if (keepRecords) {
            kept = kept.next();
        }
        length = 0;
        records = 0;
        firstSequence = null;
        lastSequence = null;
        firstSubSequence = 0;
        lastSubSequence = 0;
    }

    private void ensureCapacity(int needed) {
        if (needed > bytes.length) {
            long grown = Math.max((long) bytes.length * 2, needed);
            if (needed < 0 || grown > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("batch too large for one S3 object buffer");
            }
            bytes = Arrays.copyOf(bytes, (int) grown);
        }
    }

    private long capacityLimit() {
        // a full batch is at most maxBytes plus one record (1 MiB in Kinesis) plus its newline
        return Math.min(Integer.MAX_VALUE - 8, maxBytes + 1024 * 1024 + 1);
    }

    private static int initialCapacity(long maxBytes) {
        return (int) Math.min(Math.max(MIN_CAPACITY, maxBytes + 1024), 4L * 1024 * 1024);
    }
}
