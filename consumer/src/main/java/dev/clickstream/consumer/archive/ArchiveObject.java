package dev.clickstream.consumer.archive;

import java.nio.ByteBuffer;

/**
 * One S3 object a batch becomes: its key, body and Content-Type, and how many records it holds.
 * {@code errorReason} is set for an object under the error prefix.
 */
public record ArchiveObject(String key, ByteBuffer body, String contentType, int records, String errorReason) {
}
