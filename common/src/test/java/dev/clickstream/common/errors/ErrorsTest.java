package dev.clickstream.common.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

class ErrorsTest {

    @Test
    void unwrapWalksFutureWrappersOnly() {
        IllegalStateException cause = new IllegalStateException("bug", new IOException("io"));
        assertThat(Errors.unwrap(new CompletionException(new ExecutionException(cause)))).isSameAs(cause);
        assertThat(Errors.unwrap(cause)).isSameAs(cause);
        CompletionException empty = new CompletionException("no cause", null);
        assertThat(Errors.unwrap(empty)).isSameAs(empty);
    }

    @Test
    void serviceErrorsShowTheirCodeAndStatus() {
        AwsServiceException denied = AwsServiceException.builder().statusCode(403)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException")
                        .errorMessage("nope\nsecond line").build())
                .build();
        assertThat(Errors.describe(new CompletionException(denied))).isEqualTo("AccessDeniedException (HTTP 403): nope");
    }

    @Test
    void otherErrorsShowTypeFirstLineAndTheRootCauseOnce() {
        assertThat(Errors.describe(SdkClientException.create("Unable to execute HTTP request",
                new IOException("Connection refused"))))
                .isEqualTo("SdkClientException: Unable to execute HTTP request (IOException: Connection refused)");
        assertThat(Errors.describe(new IllegalStateException("wrapped: Connection refused",
                new IOException("Connection refused")))).isEqualTo("IllegalStateException: wrapped: Connection refused");
        assertThat(Errors.describe(new NullPointerException())).isEqualTo("NullPointerException");
    }
}
