package dev.clickstream.counter;

import java.time.Instant;

/** What the counter reports as it runs, for statistics and tests. Called from the counter's threads. */
public interface CounterListener {
    CounterListener NONE = new CounterListener() {};

    /** One batch of a shard: pairs counted, records too old for the window, malformed records skipped. */
    default void recordsProcessed(String shardId, int counted, int late, int malformed) {}

    /** Items of one interval are in the table (all of them, or those that did not fail). */
    default void countsWritten(Instant timestamp, int items) {}

    /** A write failed: once per failed item, or once when the whole write failed. */
    default void writeFailed(Throwable cause) {}

    /** Referrers left out of items so that each stays under DynamoDB's item size limit. */
    default void referrersDropped(int count) {}

    default void checkpointed(String shardId, String sequenceNumber) {}
}
