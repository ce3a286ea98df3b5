package dev.clickstream.tools.aws;

import dev.clickstream.common.aws.AwsSettings;
import dev.clickstream.common.aws.CredentialsProviders;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;

/** The three SDK clients the tools use, and how long to wait for a deletion to finish. */
public final class AwsResources implements AutoCloseable {
    /** Streams and tables usually go within seconds; a minute longer is reported as still deleting. */
    public static final WaiterOverrideConfiguration DELETION_WAIT = WaiterOverrideConfiguration.builder()
            .backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(Duration.ofSeconds(1)))
            .maxAttempts(90)
            .build();

    public final KinesisClient kinesis;
    public final DynamoDbClient dynamoDb;
    public final S3Client s3;

    public AwsResources(Endpoints endpoints) {
        AwsCredentialsProvider credentials = CredentialsProviders.parse(endpoints.credentialsSpec());
        this.kinesis = new AwsSettings(endpoints.region(), endpoints.kinesis(), credentials)
                .configure(KinesisClient.builder()).httpClientBuilder(Apache5HttpClient.builder()).build();
        this.dynamoDb = new AwsSettings(endpoints.region(), endpoints.dynamoDb(), credentials)
                .configure(DynamoDbClient.builder()).httpClientBuilder(Apache5HttpClient.builder()).build();
        this.s3 = new AwsSettings(endpoints.region(), endpoints.s3(), credentials)
                .configure(S3Client.builder())
                // the bucket may live in another region than the stream; S3-compatible servers need path style
                .crossRegionAccessEnabled(endpoints.s3().isEmpty())
                .forcePathStyle(endpoints.s3().isPresent())
                .httpClientBuilder(Apache5HttpClient.builder()).build();
    }

    @Override
    public void close() {
        kinesis.close();
        dynamoDb.close();
        s3.close();
    }
}
