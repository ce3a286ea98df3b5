package dev.clickstream.consumer.archive;

import dev.clickstream.archive.layout.Compression;
import dev.clickstream.archive.layout.TimePrefix;
/**
 * Object keys exactly as the original writes them, {@code shardId/firstSeq-lastSeq}, behind an
 * optional prefix and time prefix and with {@code s3.fileExtension} and {@code .gz} when compressed. Sequence numbers are
 * unique within a shard and the time prefix comes from the first record's arrival time, so a
 * batch uploaded again after a crash overwrites itself instead of adding a copy.
 */
public record S3KeyNamer(String prefix, TimePrefix timePrefix, Compression compression, String fileExtension) {

    public S3KeyNamer(String prefix, TimePrefix timePrefix, Compression compression) {
        this(prefix, timePrefix, compression, "");
    }

    public String key(String shardId, Batch batch) {
        return prefix + timePrefix.format(batch.firstArrival()) + shardId + "/" + batch.firstSequence() + "-"
                + batch.lastSequence() + extension();
    }

    /** {@code s3.fileExtension}, then {@code .gz} when gzipped. */
    public String extension() {
        return fileExtension + compression.suffix();
    }
}
