package dev.clickstream.consumer.archive;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;

/**
 * One shard's pending records, as the original stores them: each record's bytes plus "\n". The
 * size counts those bytes, and is tested after each record, so the record that crosses
 * {@code maxBytes} is included. Optionally a batch is also due once its oldest record is
 * {@code maxAgeNanos} old (like Firehose's buffer interval); 0 means size only. Not thread-safe:
 * one shard's processor uses it.
 */
public final class RecordBuffer {
    private static final int MIN_CAPACITY = 16 * 1024;

    private final long maxBytes;
    private final long maxAgeNanos;
    private byte[] bytes;
    private int length;
    private int records;
    private String firstSequence;
    private String lastSequence;
    private long lastSubSequence;
    private long firstAddedNanos;
    private Instant firstArrival;

    public RecordBuffer(long maxBytes, long maxAgeNanos) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1");
        }
        this.maxBytes = maxBytes;
        this.maxAgeNanos = maxAgeNanos;
        this.bytes = new byte[initialCapacity(maxBytes)];
    }

    /**
     * Appends a record's data and "\n"; empty data is skipped. Returns whether the buffer is now
     * full, i.e. must be drained before the next record. {@code arrival} is the record's
     * ApproximateArrivalTimestamp (may be null).
     */
    public boolean add(ByteBuffer data, String sequenceNumber, long subSequenceNumber, Instant arrival, long nowNanos) {
        int n = data.remaining();
        if (n == 0) {
            return isFull();
        }
        ensureCapacity(length + n + 1);
        // a duplicate, so the caller's buffer position is left alone (the KCL may hand it out again)
        data.duplicate().get(bytes, length, n);
        length += n;
        bytes[length++] = '\n';
        if (records == 0) {
            firstSequence = sequenceNumber;
            firstAddedNanos = nowNanos;
            firstArrival = arrival;
        }
        records++;
        lastSequence = sequenceNumber;
        lastSubSequence = subSequenceNumber;
        return isFull();
    }

    public boolean isFull() {
        return length >= maxBytes;
    }

    /** Whether age-based flushing is on and the oldest record has waited long enough. */
    public boolean isDue(long nowNanos) {
        return records > 0 && maxAgeNanos > 0 && nowNanos - firstAddedNanos >= maxAgeNanos;
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
        Batch batch = new Batch(firstSequence, lastSequence, lastSubSequence, records, bytes, length, firstArrival);
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
        length = 0;
        records = 0;
        firstSequence = null;
        lastSequence = null;
        lastSubSequence = 0;
        firstArrival = null;
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
