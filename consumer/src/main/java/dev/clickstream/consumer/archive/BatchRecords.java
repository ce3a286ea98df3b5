package dev.clickstream.consumer.archive;

import java.util.Arrays;

/**
 * Each record of a batch: where its data ends in the batch's bytes (the data of record i runs
 * from {@code end(i-1) + 1}, past the previous newline, to {@code end(i)}), its sequence and
 * sub-sequence number, partition key and arrival time. Kept only when a batch is split into
 * partitions or rows.
 */
public final class BatchRecords {
    private final int[] ends;
    private final String[] sequences;
    private final long[] subSequences;
    private final String[] partitionKeys;
    private final long[] arrivals;
    private final int size;

    private BatchRecords(Builder b) {
        ends = b.ends;
        sequences = b.sequences;
        subSequences = b.subSequences;
        partitionKeys = b.partitionKeys;
        arrivals = b.arrivals;
        size = b.size;
    }

    public int size() {
        return size;
    }

    public int start(int i) {
        return i == 0 ? 0 : ends[i - 1] + 1;
    }

    public int end(int i) {
        return ends[i];
    }

    public String sequence(int i) {
        return sequences[i];
    }

    public long subSequence(int i) {
        return subSequences[i];
    }

    public String partitionKey(int i) {
        return partitionKeys[i];
    }

    public long arrival(int i) {
        return arrivals[i];
    }

    /** Grows as records are added; not thread-safe. */
    static final class Builder {
        private int[] ends = new int[256];
        private String[] sequences = new String[256];
        private long[] subSequences = new long[256];
        private String[] partitionKeys = new String[256];
        private long[] arrivals = new long[256];
        private int size;

        void add(int end, String sequence, long subSequence, String partitionKey, long arrival) {
            if (size == ends.length) {
                int n = size * 2;
                ends = Arrays.copyOf(ends, n);
                sequences = Arrays.copyOf(sequences, n);
                subSequences = Arrays.copyOf(subSequences, n);
                partitionKeys = Arrays.copyOf(partitionKeys, n);
                arrivals = Arrays.copyOf(arrivals, n);
            }
            ends[size] = end;
            sequences[size] = sequence;
            subSequences[size] = subSequence;
            partitionKeys[size] = partitionKey;
            arrivals[size] = arrival;
            size++;
        }

        BatchRecords build() {
            return new BatchRecords(this);
        }
    }
}
