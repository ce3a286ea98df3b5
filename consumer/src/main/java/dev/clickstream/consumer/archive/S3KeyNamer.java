package dev.clickstream.consumer.archive;

import dev.clickstream.archive.layout.ArchiveKey.Position;
import dev.clickstream.archive.layout.Compression;
import dev.clickstream.archive.layout.TimePrefix;
/**
 * Object keys as the original writes them, {@code shardId/firstSeq-lastSeq}, behind an
 * optional prefix and time prefix and with {@code s3.fileExtension} and {@code .gz} when compressed. An edge inside
 * a KPL aggregate adds {@code _sub}, its sub-sequence number: without it, two batches cut from one large aggregate
 * would both be {@code seq-seq} and the second would overwrite the first. Sequence numbers are
 * unique within a shard and the time prefix comes from the first record's arrival time, so a
 * batch uploaded again after a crash overwrites itself instead of adding a copy.
 */
public record S3KeyNamer(String prefix, TimePrefix timePrefix, Compression compression, String fileExtension) {

    public S3KeyNamer(String prefix, TimePrefix timePrefix, Compression compression) {
        this(prefix, timePrefix, compression, "");
    }

    public String key(String shardId, Batch batch) {
        return prefix + timePrefix.format(batch.firstArrival()) + shardId + "/"
                + new Position(batch.firstSequence(), batch.firstSubSequence()).format(true) + "-"
                + new Position(batch.lastSequence(), batch.lastSubSequence()).format(true) + extension();
    }

    /** {@code s3.fileExtension}, then {@code .gz} when gzipped. */
    public String extension() {
        return fileExtension + compression.suffix();
    }
}
