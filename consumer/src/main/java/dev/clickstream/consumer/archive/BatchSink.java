package dev.clickstream.consumer.archive;

/** Where a shard's flushed batch goes. Must be idempotent for the same batch: it may be written again after a crash. */
@FunctionalInterface
public interface BatchSink {
    /** Writes the batch, all of it, before it returns. */
    Written write(String shardId, Batch batch) throws Exception;

    /**
     * What a batch became.
     *
     * @param description  where it went (the S3 key, or the first key and how many more), for the log
     * @param objects      objects written
     * @param errorRecords records that went to the error prefix instead of becoming rows
     */
    record Written(String description, int objects, long errorRecords) {
        public static Written one(String key) {
            return new Written(key, 1, 0);
        }
    }
}
