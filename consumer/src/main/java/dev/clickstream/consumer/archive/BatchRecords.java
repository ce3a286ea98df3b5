package dev.clickstream.consumer.archive;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Each record of a batch: where its data ends in the batch's bytes (the data of record i runs
 * from {@code end(i-1) + 1}, past the previous newline, to {@code end(i)}), its sequence and
 * sub-sequence number, partition key and arrival time. Kept only when a batch is split into
 * partitions or rows. The sequence numbers and partition keys are kept as UTF-8 in one array, not
 * as a String each: a batch waits seconds with a hundred thousand records, and the collector
 * copies each object it holds at every young collection.
 */
public final class BatchRecords {
    private final int[] ends;
    /** Record i's sequence number ends at {@code textEnds[2i]}, its partition key at {@code textEnds[2i+1]}. */
    private final byte[] text;
    private final int[] textEnds;
    private final long[] subSequences;
    private final long[] arrivals;
    private final int size;

    private BatchRecords(Builder b) {
        ends = b.ends;
        text = b.text;
        textEnds = b.textEnds;
        subSequences = b.subSequences;
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
        return text(i == 0 ? 0 : textEnds[2 * i - 1], textEnds[2 * i]);
    }

    public long subSequence(int i) {
        return subSequences[i];
    }

    public String partitionKey(int i) {
        return text(textEnds[2 * i], textEnds[2 * i + 1]);
    }

    public long arrival(int i) {
        return arrivals[i];
    }

    private String text(int from, int to) {
        return new String(text, from, to - from, StandardCharsets.UTF_8);
    }

    /** Grows as records are added; not thread-safe. */
    static final class Builder {
        private int[] ends = new int[256];
        private byte[] text = new byte[256 * 96];
        private int textLength;
        private int[] textEnds = new int[2 * 256];
        private long[] subSequences = new long[256];
        private long[] arrivals = new long[256];
        private int size;

        void add(int end, String sequence, long subSequence, String partitionKey, long arrival) {
            if (size == ends.length) {
                int n = size * 2;
                ends = Arrays.copyOf(ends, n);
                textEnds = Arrays.copyOf(textEnds, 2 * n);
                subSequences = Arrays.copyOf(subSequences, n);
                arrivals = Arrays.copyOf(arrivals, n);
            }
            ends[size] = end;
            textEnds[2 * size] = append(sequence);
            textEnds[2 * size + 1] = append(partitionKey);
            subSequences[size] = subSequence;
            arrivals[size] = arrival;
            size++;
        }

        /** Appends the string's UTF-8 bytes; returns where they end. */
        private int append(String s) {
            int n = s.length();
            ensure(textLength + n);
            int at = textLength;
            for (int k = 0; k < n; k++) {
                char c = s.charAt(k);
                if (c >= 0x80) {
                    // not ASCII (a partition key may be any Unicode): the JDK's encoder
                    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                    ensure(textLength + utf8.length);
                    System.arraycopy(utf8, 0, text, textLength, utf8.length);
                    textLength += utf8.length;
                    return textLength;
                }
                text[at++] = (byte) c;
            }
            textLength = at;
            return textLength;
        }

        private void ensure(int capacity) {
            if (capacity > text.length) {
                text = Arrays.copyOf(text, Math.max(capacity, text.length * 2));
            }
        }

        BatchRecords build() {
            return new BatchRecords(this);
        }
    }
}
