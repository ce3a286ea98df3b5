package dev.clickstream.archive.rows;

import java.time.Instant;
import java.util.Map;

/**
 * One archived user record: where it came from and what it said. {@code fields} holds the
 * event's fields by column name (String or Long; a missing field is absent), {@code payload} the
 * record's bytes for the payload schema (null otherwise). Identified by
 * (shardId, sequenceNumber, subSequenceNumber).
 */
public record ArchiveRow(String shardId, String sequenceNumber, long subSequenceNumber, String partitionKey,
                         long arrivalMillis, Map<String, Object> fields, byte[] payload) {

    public Instant arrival() {
        return Instant.ofEpochMilli(arrivalMillis);
    }
}
