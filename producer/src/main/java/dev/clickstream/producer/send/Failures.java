package dev.clickstream.producer.send;

import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Which failed PutRecords calls are worth another try. */
public final class Failures {
    private static final Set<String> TRANSIENT_CODES = Set.of(
            "ProvisionedThroughputExceededException", "LimitExceededException", "KMSThrottlingException",
            "InternalFailure", "InternalFailureException", "ServiceUnavailable", "ServiceUnavailableException",
            "RequestTimeout", "RequestTimeoutException");

    private Failures() {}

    /**
     * Throttling, 5xx and client-side I/O errors (connection reset or refused, timeouts) may pass;
     * anything else (access denied, a missing stream, a malformed request) will fail again.
     */
    public static boolean isRetryable(Throwable error) {
        Throwable t = unwrap(error);
        if (t instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            return service.isThrottlingException() || service.statusCode() >= 500
                    || (code != null && TRANSIENT_CODES.contains(code));
        }
        return t instanceof SdkClientException;
    }

    public static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** One line for logs and the console: the error code or type, and the first line of the message. */
    public static String describe(Throwable error) {
        Throwable t = unwrap(error);
        if (t instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String message = service.awsErrorDetails().errorMessage();
            return service.awsErrorDetails().errorCode() + " (HTTP " + service.statusCode() + ")"
                    + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().lines().findFirst().orElse("");
        if (root != t && root.getMessage() != null && !message.contains(root.getMessage())) {
            message += " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        }
        return message;
    }
}
