package dev.clickstream.tools.archive;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One user record read back from an archive object. A raw object knows only its records' data
 * and order (the key gives the shard and the sequence range); a Parquet row also knows its
 * record's sequence and sub-sequence numbers, partition key and arrival time.
 */
public record ArchiveRecord(String shardId, Optional<BigInteger> sequence, OptionalLong subSequence,
                            Optional<String> partitionKey, Optional<Instant> arrival, byte[] payload) {

    /** A record of a raw object: its data and nothing else. */
    public static ArchiveRecord raw(String shardId, byte[] payload) {
        return new ArchiveRecord(shardId, Optional.empty(), OptionalLong.empty(), Optional.empty(), Optional.empty(),
                payload);
    }
}
