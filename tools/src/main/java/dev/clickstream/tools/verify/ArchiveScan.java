package dev.clickstream.tools.verify;

import dev.clickstream.common.cli.CliException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Lists every object under the prefix (all time prefixes included) and counts the records in
 * each: the archiver writes each record's data plus "\n", so a record is a line. Bodies are
 * streamed, gunzipped when the key ends in .gz, and never held whole in memory.
 */
final class ArchiveScan {
    private static final int READERS = 8;
    /** The record count of an object whose body could not be read (e.g. not gzip despite its .gz). */
    static final long UNREADABLE = -1;

    /** The objects, and the keys under the prefix that are not archive objects. */
    record Listing(List<ArchivedObject> objects, List<String> otherKeys) {}

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final Progress progress;

    ArchiveScan(S3Client s3, String bucket, String prefix, Progress progress) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.progress = progress;
    }

    Listing run() throws InterruptedException {
        List<ArchivedObject> named = new ArrayList<>();
        List<String> other = new ArrayList<>();
        try {
            for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents()) {
                ArchivedObject.parse(o.key(), prefix).ifPresentOrElse(named::add, () -> other.add(o.key()));
                progress.update("listed " + (named.size() + other.size()) + " keys");
            }
        } catch (NoSuchBucketException e) {
            throw CliException.runtime("bucket " + bucket + " does not exist");
        }
        progress.print("reading " + named.size() + " objects of s3://" + bucket + "/" + prefix);
        return new Listing(countRecords(named), other);
    }

    private List<ArchivedObject> countRecords(List<ArchivedObject> objects) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(READERS);
        AtomicInteger done = new AtomicInteger();
        try {
            List<Future<ArchivedObject>> counted = new ArrayList<>();
            for (ArchivedObject o : objects) {
                counted.add(pool.submit(() -> {
                    ArchivedObject read = o.withRecords(lines(o));
                    progress.update("read " + done.incrementAndGet() + "/" + objects.size() + " objects");
                    return read;
                }));
            }
            List<ArchivedObject> result = new ArrayList<>(objects.size());
            for (Future<ArchivedObject> f : counted) {
                result.add(f.get());
            }
            return result;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }

    private long lines(ArchivedObject o) {
        try (InputStream raw = s3.getObject(r -> r.bucket(bucket).key(o.key()));
             InputStream body = o.gzip() ? new GZIPInputStream(raw, 64 * 1024) : raw) {
            byte[] buffer = new byte[64 * 1024];
            long lines = 0;
            for (int n; (n = body.read(buffer)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
            return lines;
        } catch (IOException e) {
            return UNREADABLE; // a corrupt body is a finding about the archive, not a failure of the scan
        }
    }
}
