package dev.clickstream.tools.verify;

import dev.clickstream.tools.archive.ArchiveListing;
import dev.clickstream.tools.archive.ArchiveRecord;
import dev.clickstream.tools.archive.ArchivedObject;
import dev.clickstream.tools.archive.ObjectFormat;
import dev.clickstream.tools.archive.ObjectFormats;
import dev.clickstream.tools.archive.RecordReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Lists every object under the prefix (all partition and time prefixes included) and counts the
 * records in each with the reader of its format; and the same for the objects under the error
 * prefix. Bodies are streamed, never held whole in memory.
 */
final class ArchiveScan {
    private static final int READERS = 8;
    /** The record count of an object whose body could not be read (e.g. not gzip despite its .gz). */
    static final long UNREADABLE = -1;

    /**
     * The objects, the keys under the prefix that are not archive objects, per shard the
     * identities of the rows of its objects that name them (Parquet), and the objects under the
     * error prefix with their lines counted.
     */
    record Listing(List<ArchivedObject> objects, List<String> otherKeys, Map<String, List<RowCheck.RowId>> rows,
                   List<ArchivedObject> errorObjects) {

        /** Whether the shard's objects name their rows: checked row by row, not by key ranges. */
        boolean rowsNamed(String shardId) {
            return rows.containsKey(shardId);
        }

        /** The shard's records under the error prefix. */
        ErrorRecords errors(String shardId, String errorPrefix) {
            return new ErrorRecords(errorPrefix, errorObjects.stream().filter(o -> o.shardId().equals(shardId)).toList());
        }
    }

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final String errorPrefix;
    private final Progress progress;
    private final Map<String, List<RowCheck.RowId>> rows = new ConcurrentHashMap<>();

    ArchiveScan(S3Client s3, String bucket, String prefix, String errorPrefix, Progress progress) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.errorPrefix = errorPrefix;
        this.progress = progress;
    }

    Listing run() throws InterruptedException {
        ArchiveListing listing = ArchiveListing.list(s3, bucket, prefix, errorPrefix, progress::update);
        List<ArchivedObject> named = listing.objects();
        progress.print("reading " + named.size() + " objects of s3://" + bucket + "/" + prefix);
        List<ArchivedObject> counted = countRecords(named);
        List<ArchivedObject> errors = countRecords(errorObjects());
        return new Listing(counted, listing.otherKeys(), Map.copyOf(rows), errors);
    }

    /** The objects under the error prefix ({@code <errorPrefix><reason>/shardId/first-last}), unless the prefix is in it. */
    private List<ArchivedObject> errorObjects() {
        if (errorPrefix.isEmpty() || prefix.startsWith(errorPrefix)) {
            return List.of();
        }
        List<ArchivedObject> objects = new ArrayList<>();
        for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(errorPrefix)).contents()) {
            ArchivedObject.parse(o.key(), errorPrefix).filter(a -> a.encoding() != ArchivedObject.Encoding.PARQUET)
                    .ifPresent(objects::add);
        }
        if (!objects.isEmpty()) {
            progress.print("reading " + objects.size() + " objects of s3://" + bucket + "/" + errorPrefix);
        }
        return objects;
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
            List<RowCheck.RowId> ids = new ArrayList<>();
            for (ArchiveRecord r; (r = records.next()) != null; ) {
                count++;
                if (r.sequence().isPresent()) {
                    ids.add(new RowCheck.RowId(r.sequence().get(), r.subSequence().orElse(0)));
                }
            }
            if (o.encoding() == ArchivedObject.Encoding.PARQUET) {
                rows.computeIfAbsent(o.shardId(), s -> Collections.synchronizedList(new ArrayList<>())).addAll(ids);
            }
            return count;
        } catch (IOException e) {
            if (o.encoding() == ArchivedObject.Encoding.PARQUET) {
                rows.computeIfAbsent(o.shardId(), s -> Collections.synchronizedList(new ArrayList<>()));
            }
            return UNREADABLE; // a corrupt body is a finding about the archive, not a failure of the scan
        }
    }
}
