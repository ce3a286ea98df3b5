package dev.clickstream.consumer.archive;

/**
 * Whether this worker still holds a shard's lease. A processor that is blocked retrying (an S3
 * outage) is not told about a lost lease until it returns, so it asks here between attempts.
 */
@FunctionalInterface
public interface LeaseView {
    boolean holds(String shardId);

    /** For processors run outside a KCL scheduler (unit tests): every lease is held. */
    LeaseView ALWAYS = shardId -> true;
}
