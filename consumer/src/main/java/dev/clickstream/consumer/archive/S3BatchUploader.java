package dev.clickstream.consumer.archive;

import dev.clickstream.archive.layout.Compression;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/** One PutObject per batch, gzipped when asked. Retrying is the commit path's job, not this class's. */
public final class S3BatchUploader implements BatchSink {
    private final S3AsyncClient s3;
    private final String bucket;
    private final S3KeyNamer keys;

    public S3BatchUploader(S3AsyncClient s3, String bucket, S3KeyNamer keys) {
        this.s3 = s3;
        this.bucket = bucket;
        this.keys = keys;
    }

    @Override
    public String write(String shardId, Batch batch) {
        String key = keys.key(shardId, batch);
        // no copy of the body: a batch's bytes are never written again once the buffer hands it over
        AsyncRequestBody body = keys.compression() == Compression.GZIP
                ? AsyncRequestBody.fromBytesUnsafe(gzip(batch))
                : AsyncRequestBody.fromRemainingByteBufferUnsafe(batch.body());
        PutObjectRequest request = PutObjectRequest.builder().bucket(bucket).key(key).build();
        s3.putObject(request, body).join();
        return key;
    }

    static byte[] gzip(Batch batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, batch.length() / 4));
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 64 * 1024)) {
            gz.write(batch.bytes(), 0, batch.length());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory streams do not fail
        }
        return out.toByteArray();
    }
}
