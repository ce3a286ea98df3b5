package dev.clickstream.counter;

import java.time.Instant;

/** What the counter reports as it runs, for statistics and tests. Called from the counter's threads. */
public interface CounterListener {
    CounterListener NONE = new CounterListener() {};

    /** One batch of a shard: pairs counted, records too old for the window, malformed records skipped. */
    default void recordsProcessed(String shardId, int counted, int late, int malformed) {}

    /** One interval's items are in the table. */
    default void countsWritten(Instant timestamp, int items) {}

    default void writeFailed(Throwable cause) {}

    default void checkpointed(String shardId, String sequenceNumber) {}
}
