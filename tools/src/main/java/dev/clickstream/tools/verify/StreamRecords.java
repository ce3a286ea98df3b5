package dev.clickstream.tools.verify;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@link StreamScan} read of one shard: the sequence numbers of its records with data, in
 * order, which of them are KPL aggregates (several user records under one sequence number, which
 * the archiver may split between two batches) and how many user records with data each aggregate
 * holds, and the sub-sequence number of the checkpoint (the user records of the last aggregate
 * that the checkpoint covers are those up to it).
 */
public record StreamRecords(List<BigInteger> sequences, Set<BigInteger> aggregates, Map<BigInteger, Integer> userRecords,
                            long checkpointSub) {

    public StreamRecords {
        sequences = List.copyOf(sequences);
        aggregates = Set.copyOf(aggregates);
        userRecords = Map.copyOf(userRecords);
    }

    /** Aggregates of unknown content: each counts as one user record. */
    public StreamRecords(List<BigInteger> sequences, Set<BigInteger> aggregates) {
        this(sequences, aggregates, Map.of(), 0);
    }

    /** User records with data under this sequence number: one for a plain record. */
    int userRecords(BigInteger sequence) {
        return userRecords.getOrDefault(sequence, 1);
    }
}
