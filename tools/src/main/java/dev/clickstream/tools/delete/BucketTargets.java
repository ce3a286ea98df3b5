package dev.clickstream.tools.delete;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** S3 buckets: emptied of every object, version and delete marker, then deleted. */
record BucketTargets(S3Client s3) {
    /** DeleteObjects takes at most this many keys per call. */
    private static final int BATCH = 1000;

    boolean exists(String name) {
        // HeadBucket has no body, so a missing bucket may come as a bare 404
        return Lookup.exists(() -> s3.headBucket(r -> r.bucket(name)),
                e -> e instanceof NoSuchBucketException || (e instanceof S3Exception s && s.statusCode() == 404));
    }

    /** Deletes every object (all versions if the bucket ever had versioning), then the bucket. */
    Result purge(String name) {
        try {
            long deleted = isVersioned(name) ? deleteVersions(name) : deleteObjects(name);
            s3.deleteBucket(r -> r.bucket(name));
            return new Result(Outcome.DELETED, deleted == 1 ? "1 object" : deleted + " objects");
        } catch (NoSuchBucketException e) {
            return Result.of(Outcome.NOT_FOUND);
        }
    }

    private boolean isVersioned(String bucket) {
        BucketVersioningStatus status = s3.getBucketVersioning(r -> r.bucket(bucket)).status();
        return status == BucketVersioningStatus.ENABLED || status == BucketVersioningStatus.SUSPENDED;
    }

    private long deleteObjects(String bucket) {
        long count = 0;
        List<ObjectIdentifier> batch = new ArrayList<>();
        for (var object : s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents()) {
            batch.add(ObjectIdentifier.builder().key(object.key()).build());
            count += flushIfFull(bucket, batch);
        }
        return count + flush(bucket, batch);
    }

    private long deleteVersions(String bucket) {
        long count = 0;
        List<ObjectIdentifier> batch = new ArrayList<>();
        for (var page : s3.listObjectVersionsPaginator(r -> r.bucket(bucket))) {
            for (var version : page.versions()) {
                batch.add(ObjectIdentifier.builder().key(version.key()).versionId(version.versionId()).build());
                count += flushIfFull(bucket, batch);
            }
            for (var marker : page.deleteMarkers()) {
                batch.add(ObjectIdentifier.builder().key(marker.key()).versionId(marker.versionId()).build());
                count += flushIfFull(bucket, batch);
            }
        }
        return count + flush(bucket, batch);
    }

    private long flushIfFull(String bucket, List<ObjectIdentifier> batch) {
        return batch.size() >= BATCH ? flush(bucket, batch) : 0;
    }

    private long flush(String bucket, List<ObjectIdentifier> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        DeleteObjectsResponse response = s3.deleteObjects(r -> r.bucket(bucket)
                .delete(d -> d.objects(batch).quiet(true)));
        if (response.hasErrors() && !response.errors().isEmpty()) {
            S3Error first = response.errors().get(0);
            throw new IllegalStateException(response.errors().size() + " object(s) could not be deleted, first "
                    + first.key() + ": " + first.code() + " " + first.message());
        }
        int n = batch.size();
        batch.clear();
        return n;
    }
}
