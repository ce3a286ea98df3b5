package dev.clickstream.consumer.archive;

/**
 * Object keys exactly as the original writes them, {@code shardId/firstSeq-lastSeq}, behind an
 * optional prefix and with {@code .gz} when compressed. Sequence numbers are unique within a
 * shard, so a batch uploaded again after a crash overwrites itself instead of adding a copy.
 */
public record S3KeyNamer(String prefix, Compression compression) {

    public String key(String shardId, Batch batch) {
        return prefix + shardId + "/" + batch.firstSequence() + "-" + batch.lastSequence() + compression.suffix();
    }
}
