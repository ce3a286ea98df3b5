package dev.clickstream.consumer.archive;

import dev.clickstream.archive.layout.ArchiveFormat;
import dev.clickstream.archive.layout.Compression;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Writes a batch: one PutObject, gzipped when asked, for the original's objects; or, when the
 * batch is split ({@link BatchSplitter}: Parquet, partitions or a time prefix), one PutObject per
 * object, all of them done before it returns, so the checkpoint that follows covers them all.
 * Retrying is the commit path's job, not this class's.
 */
public final class S3BatchUploader implements BatchSink {
    private static final Logger LOG = LoggerFactory.getLogger(S3BatchUploader.class);
    /** At most one line about error records per this many milliseconds, per worker. */
    private static final long ERROR_LOG_INTERVAL_MILLIS = 10_000;

    private final S3AsyncClient s3;
    private final String bucket;
    private final S3KeyNamer keys;
    private final BatchSplitter splitter;
    private final String contentType;
    private final AtomicLong lastErrorLog = new AtomicLong(Long.MIN_VALUE / 2);
    private final AtomicLong errorsSinceLog = new AtomicLong();

    public S3BatchUploader(S3AsyncClient s3, ArchiverSettings settings) {
        this.s3 = s3;
        this.bucket = settings.bucket();
        this.keys = settings.keyNamer();
        this.splitter = splits(settings) ? new BatchSplitter(settings) : null;
        this.contentType = ArchiveFormat.RAW.contentType(settings.compression(), settings.output().fileExtension());
    }

    /** Whether batches are split into objects, and so must keep each record's details. */
    public static boolean splits(ArchiverSettings settings) {
        return settings.output().fansOut() || !settings.timePrefix().isNone();
    }

    @Override
    public Written write(String shardId, Batch batch) {
        if (splitter == null) {
            String key = keys.key(shardId, batch);
            // no copy of the body: a batch's bytes are never written again once the buffer hands it over
            AsyncRequestBody body = keys.compression() == Compression.GZIP
                    ? AsyncRequestBody.fromBytesUnsafe(gzip(batch.bytes(), batch.length()))
                    : AsyncRequestBody.fromRemainingByteBufferUnsafe(batch.body());
            s3.putObject(put(key, contentType), body).join();
            return Written.one(key);
        }
        List<ArchiveObject> objects = splitter.split(shardId, batch);
        CompletableFuture.allOf(objects.stream().map(o -> s3.putObject(put(o.key(), o.contentType()),
                AsyncRequestBody.fromRemainingByteBufferUnsafe(o.body().asReadOnlyBuffer())))
                .toArray(CompletableFuture[]::new)).join();
        long errors = objects.stream().filter(o -> o.errorReason() != null).mapToLong(ArchiveObject::records).sum();
        if (errors > 0) {
            logErrors(objects, errors);
        }
        String first = objects.isEmpty() ? "(no records)" : objects.get(0).key();
        return new Written(objects.size() > 1 ? first + " and " + (objects.size() - 1) + " more" : first,
                objects.size(), errors);
    }

    private PutObjectRequest put(String key, String type) {
        return PutObjectRequest.builder().bucket(bucket).key(key).contentType(type).build();
    }

    private void logErrors(List<ArchiveObject> objects, long errors) {
        long now = System.nanoTime() / 1_000_000;
        long last = lastErrorLog.get();
        long pending = errorsSinceLog.addAndGet(errors);
        if (now - last >= ERROR_LOG_INTERVAL_MILLIS && lastErrorLog.compareAndSet(last, now)) {
            errorsSinceLog.addAndGet(-pending);
            ArchiveObject example = objects.stream().filter(o -> o.errorReason() != null).findFirst().orElseThrow();
            LOG.warn("{} records could not become rows and went to the error prefix since the last such line, e.g. {}",
                    pending, example.key());
        }
    }

    static byte[] gzip(byte[] bytes, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, length / 4));
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 64 * 1024)) {
            gz.write(bytes, 0, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory streams do not fail
        }
        return out.toByteArray();
    }
}
