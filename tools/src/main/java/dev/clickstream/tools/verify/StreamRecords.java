package dev.clickstream.tools.verify;

import java.math.BigInteger;
import java.util.List;
import java.util.Set;

/**
 * What {@link StreamScan} read of one shard: the sequence numbers of its records with data, in
 * order, and which of them are KPL aggregates (several user records under one sequence number,
 * which the archiver may split between two batches).
 */
public record StreamRecords(List<BigInteger> sequences, Set<BigInteger> aggregates) {

    public StreamRecords {
        sequences = List.copyOf(sequences);
        aggregates = Set.copyOf(aggregates);
    }
}
