package dev.clickstream.producer.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

class FailuresTest {

    @Test
    void throttlingServerErrorsAndConnectionProblemsAreRetried() {
        assertThat(Failures.isRetryable(service(ProvisionedThroughputExceededException.builder(), 400,
                "ProvisionedThroughputExceededException"))).isTrue();
        assertThat(Failures.isRetryable(service(KinesisException.builder(), 503, "ServiceUnavailable"))).isTrue();
        assertThat(Failures.isRetryable(service(KinesisException.builder(), 500, "InternalFailure"))).isTrue();
        assertThat(Failures.isRetryable(new CompletionException(
                SdkClientException.create("reset", new IOException("Connection reset"))))).isTrue();
    }

    @Test
    void clientMistakesAreNotRetried() {
        assertThat(Failures.isRetryable(service(ResourceNotFoundException.builder(), 400,
                "ResourceNotFoundException"))).isFalse();
        assertThat(Failures.isRetryable(service(KinesisException.builder(), 403, "AccessDeniedException"))).isFalse();
        assertThat(Failures.isRetryable(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void kinesisThrottlingCodesTheSdkDoesNotKnowAreRetried() {
        assertThat(Failures.isRetryable(service(KinesisException.builder(), 400, "LimitExceededException"))).isTrue();
        assertThat(Failures.isRetryable(service(KinesisException.builder(), 400, "KMSThrottlingException"))).isTrue();
    }

    @Test
    void manyFailuresInARowDoNotChangeTheAnswer() {
        for (int i = 0; i < 1_000; i++) {
            Failures.isRetryable(service(KinesisException.builder(), 500, "InternalFailure"));
        }
        assertThat(Failures.isRetryable(service(KinesisException.builder(), 500, "InternalFailure"))).isTrue();
    }

    private static RuntimeException service(KinesisException.Builder builder, int status, String code) {
        return (RuntimeException) builder.statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("nope").build())
                .message("nope").build();
    }
}
