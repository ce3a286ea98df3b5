package dev.clickstream.producer.send;

import dev.clickstream.common.errors.Errors;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;

/** Which failed PutRecords calls are worth another try. */
public final class Failures {
    /**
     * The SDK's own standard AWS strategy decides (throttling and transient error codes, 5xx,
     * I/O errors, attempt timeouts). Its circuit breaker is off because it would answer "no"
     * after many failures for a reason that has nothing to do with this error, and two attempts
     * are enough to ask whether a first failure may be retried.
     */
    private static final RetryStrategy SDK_RULES = AwsRetryStrategy.standardRetryStrategy().toBuilder()
            .circuitBreakerEnabled(false)
            .maxAttempts(2)
            .build();
    /** Kinesis throttles with codes the SDK's generic list does not know. */
    private static final Set<String> KINESIS_THROTTLING = Set.of("LimitExceededException", "KMSThrottlingException");

    private Failures() {}

    /** Whether the call may pass when sent again; access denied, a missing stream or a malformed request will not. */
    public static boolean isRetryable(Throwable error) {
        Throwable t = Errors.unwrap(error);
        if (t instanceof AwsServiceException service && service.awsErrorDetails() != null
                && KINESIS_THROTTLING.contains(service.awsErrorDetails().errorCode())) {
            return true;
        }
        RetryToken token = SDK_RULES.acquireInitialToken(AcquireInitialTokenRequest.create("PutRecords")).token();
        try {
            SDK_RULES.refreshRetryToken(RefreshRetryTokenRequest.builder().token(token).failure(t).build());
            return true;
        } catch (TokenAcquisitionFailedException notRetryable) {
            return false;
        }
    }
}
