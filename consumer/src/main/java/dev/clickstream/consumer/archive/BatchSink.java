package dev.clickstream.consumer.archive;

/** Where a shard's flushed batch goes. Must be idempotent for the same batch: it may be written again after a crash. */
@FunctionalInterface
public interface BatchSink {
    /** Writes the batch and returns where it went (the S3 key), for the log. */
    String write(String shardId, Batch batch) throws Exception;
}
