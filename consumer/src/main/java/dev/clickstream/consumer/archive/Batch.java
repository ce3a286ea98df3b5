package dev.clickstream.consumer.archive;

import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * A flushed buffer: newline-delimited record data, the sequence range it covers and the arrival
 * time of its first record; sub-sequence numbers are 0 unless the
 * record is a KPL user record (for the key's time prefix; null when the record had none). The byte
 * array is owned by the batch once drained (the buffer starts a new one), so an upload can read
 * it while the shard keeps buffering. {@code kept}: each record's own details, when the buffer keeps
 * them (null otherwise).
 */
public record Batch(String firstSequence, long firstSubSequence, String lastSequence, long lastSubSequence,
                    int records, byte[] bytes, int length, Instant firstArrival, BatchRecords kept) {

    public Batch(String firstSequence, String lastSequence, long lastSubSequence, int records, byte[] bytes, int length,
                 Instant firstArrival) {
        this(firstSequence, 0, lastSequence, lastSubSequence, records, bytes, length, firstArrival, null);
    }

    /** The body without a copy. Read-only so an SDK retry reads the same bytes again. */
    public ByteBuffer body() {
        return ByteBuffer.wrap(bytes, 0, length).asReadOnlyBuffer();
    }
}
