package dev.clickstream.tools.verify;

import dev.clickstream.tools.archive.ArchiveListing;
import dev.clickstream.tools.archive.ArchivedObject;
import dev.clickstream.tools.archive.ObjectFormat;
import dev.clickstream.tools.archive.ObjectFormats;
import dev.clickstream.tools.archive.RecordReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Lists every object under the prefix (all partition and time prefixes included) and counts the
 * records in each with the reader of its format. Bodies are streamed, never held whole in memory.
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
        ArchiveListing listing = ArchiveListing.list(s3, bucket, prefix, progress::update);
        List<ArchivedObject> named = listing.objects();
        progress.print("reading " + named.size() + " objects of s3://" + bucket + "/" + prefix);
        return new Listing(countRecords(named), listing.otherKeys());
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
        ObjectFormat format = ObjectFormats.of(o.encoding());
        try (RecordReader records = format.open(o, s3.getObject(r -> r.bucket(bucket).key(o.key())))) {
            long count = 0;
            while (records.next() != null) {
                count++;
            }
            return count;
        } catch (IOException e) {
            return UNREADABLE; // a corrupt body is a finding about the archive, not a failure of the scan
        }
    }
}
