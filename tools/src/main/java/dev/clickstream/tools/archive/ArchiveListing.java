package dev.clickstream.tools.archive;

import dev.clickstream.common.cli.CliException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Every object under the archive's prefix, whatever partition and time segments lie between the
 * prefix and the shard id, with the time S3 says each was uploaded; and the keys under the
 * prefix that are no archive objects.
 */
public record ArchiveListing(List<ArchivedObject> objects, List<String> otherKeys, Map<String, Instant> uploaded) {

    /** @throws CliException (exit 2) when the bucket does not exist */
    public static ArchiveListing list(S3Client s3, String bucket, String prefix, Consumer<String> progress) {
        List<ArchivedObject> named = new ArrayList<>();
        List<String> other = new ArrayList<>();
        Map<String, Instant> uploaded = new HashMap<>();
        try {
            for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents()) {
                ArchivedObject.parse(o.key(), prefix).ifPresentOrElse(named::add, () -> other.add(o.key()));
                uploaded.put(o.key(), o.lastModified());
                progress.accept("listed " + (named.size() + other.size()) + " keys");
            }
        } catch (NoSuchBucketException e) {
            throw CliException.usage("bucket " + bucket + " does not exist");
        }
        return new ArchiveListing(List.copyOf(named), List.copyOf(other), uploaded);
    }
}
