package dev.clickstream.consumer.archive;

import dev.clickstream.common.cli.CliException;
import dev.clickstream.common.errors.Errors;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Start-up check of the bucket, as the original does it: HeadBucket; when it is missing, create
 * it if allowed (three attempts, one second apart), else stop with a line naming the bucket.
 */
public final class BucketPreparer {
    private static final Logger LOG = LoggerFactory.getLogger(BucketPreparer.class);

    private final S3AsyncClient s3;
    private final Region region;

    public BucketPreparer(S3AsyncClient s3, Region region) {
        this.s3 = s3;
        this.region = region;
    }

    /** @throws CliException (exit 1) when the bucket is missing and may not be created, or cannot be reached */
    public void prepare(String bucket, boolean createIfMissing) {
        if (exists(bucket)) {
            LOG.info("Bucket {} exists", bucket);
            return;
        }
        if (!createIfMissing) {
            throw CliException.runtime("bucket " + bucket + " does not exist in S3; enable bucket creation by setting "
                    + ArchiverSettings.CREATE_BUCKET.name() + " = true, or create it");
        }
        RetryPolicy<Object> threeTimes = RetryPolicy.builder()
                .handle(Exception.class)
                .withDelay(Duration.ofSeconds(1))
                .withMaxAttempts(3)
                .onFailedAttempt(e -> LOG.warn("Creating bucket {} failed (attempt {}): {}", bucket,
                        e.getAttemptCount(), Errors.describe(e.getLastException())))
                .build();
        try {
            Failsafe.with(threeTimes).run(() -> create(bucket));
        } catch (FailsafeException | CompletionException | S3Exception e) {
            throw new CliException(CliException.RUNTIME, "cannot create bucket " + bucket + ": "
                    + Errors.describe(e), e);
        }
        LOG.info("Created bucket {}", bucket);
    }

    private boolean exists(String bucket) {
        try {
            s3.headBucket(b -> b.bucket(bucket)).join();
            return true;
        } catch (CompletionException e) {
            Throwable cause = Errors.unwrap(e);
            if (cause instanceof NoSuchBucketException
                    || (cause instanceof S3Exception s3e && s3e.statusCode() == 404)) {
                return false;
            }
            throw new CliException(CliException.RUNTIME, "cannot check bucket " + bucket + ": " + Errors.describe(cause), cause);
        }
    }

    private void create(String bucket) {
        CreateBucketRequest.Builder request = CreateBucketRequest.builder().bucket(bucket);
        if (!Region.US_EAST_1.equals(region)) {
            // outside us-east-1 S3 wants the region named, as the original does
            request.createBucketConfiguration(c -> c.locationConstraint(region.id()));
        }
        try {
            s3.createBucket(request.build()).join();
        } catch (CompletionException e) {
            if (Errors.unwrap(e) instanceof BucketAlreadyOwnedByYouException) {
                return; // another worker created it first
            }
            throw e;
        }
    }
}
