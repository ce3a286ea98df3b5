package dev.clickstream.consumer.config;

import dev.clickstream.common.aws.AwsSettings;
import dev.clickstream.common.aws.CredentialsProviders;
import dev.clickstream.common.aws.Regions;
import dev.clickstream.common.config.ConfigKey;
import dev.clickstream.common.config.ConfigValues;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** Where the consumer's AWS services are and how it signs in: region, credentials and endpoint overrides. */
public record Endpoints(Region region, String credentialsSpec, AwsCredentialsProvider credentials,
                        Optional<URI> kinesis, Optional<URI> dynamoDb, Optional<URI> cloudWatch, Optional<URI> s3,
                        Region s3Region) {

    public static final ConfigKey<String> REGION_NAME = ConfigKey.string("regionName", null).required()
            .check(Regions::isValid, "be an AWS region name such as us-east-1")
            .doc("AWS region of the stream, the lease table and (unless s3.region is set) the bucket.");
    public static final ConfigKey<String> CREDENTIALS = CredentialsProviders.configKey()
            .doc("Credentials provider; AWSCredentialsProvider = DefaultAWSCredentialsProviderChain (KCL 1.x) is accepted.");
    public static final ConfigKey<Optional<URI>> KINESIS_ENDPOINT = ConfigKey.endpoint("kinesisEndpoint")
            .doc("Kinesis endpoint other than AWS (the local stack: http://127.0.0.1:4568).");
    public static final ConfigKey<Optional<URI>> DYNAMODB_ENDPOINT = ConfigKey.endpoint("dynamoDBEndpoint")
            .doc("DynamoDB endpoint other than AWS (the local stack: http://127.0.0.1:8000).");
    public static final ConfigKey<Optional<URI>> CLOUDWATCH_ENDPOINT = ConfigKey.endpoint("cloudWatchEndpoint")
            .doc("CloudWatch endpoint other than AWS, for KCL metrics.");
    public static final ConfigKey<Optional<URI>> S3_ENDPOINT = ConfigKey.endpoint("s3Endpoint")
            .doc("S3 endpoint other than AWS (the local stack: http://127.0.0.1:9000); path-style access is used.");
    public static final ConfigKey<String> S3_REGION = ConfigKey.string("s3.region", "")
            .check(Regions::isValid, "be an AWS region name such as us-east-1")
            .doc("Region of the bucket; empty means regionName.");

    /** The endpoint keys, in --help order (region and credentials come earlier, beside the stream). */
    static final List<ConfigKey<?>> ENDPOINT_KEYS = List.of(KINESIS_ENDPOINT, DYNAMODB_ENDPOINT, CLOUDWATCH_ENDPOINT,
            S3_ENDPOINT, S3_REGION);

    static Endpoints from(ConfigValues v) {
        Region region = Region.of(v.get(REGION_NAME));
        String s3Region = v.get(S3_REGION);
        return new Endpoints(region, v.get(CREDENTIALS), CredentialsProviders.parse(v.get(CREDENTIALS)),
                v.get(KINESIS_ENDPOINT), v.get(DYNAMODB_ENDPOINT), v.get(CLOUDWATCH_ENDPOINT), v.get(S3_ENDPOINT),
                s3Region.isEmpty() ? region : Region.of(s3Region));
    }

    public AwsSettings kinesisSettings() {
        return new AwsSettings(region, kinesis, credentials);
    }

    public AwsSettings dynamoDbSettings() {
        return new AwsSettings(region, dynamoDb, credentials);
    }

    public AwsSettings cloudWatchSettings() {
        return new AwsSettings(region, cloudWatch, credentials);
    }

    public AwsSettings s3Settings() {
        return new AwsSettings(s3Region, s3, credentials);
    }

    @Override
    public String toString() {
        // the generated toString would print the credentials spec, which may hold a secret
        return "Endpoints[region=" + region + ", credentials=" + CredentialsProviders.describe(credentialsSpec) + "]";
    }
}
