package dev.clickstream.systemtest;

import dev.clickstream.local.Endpoints;
import dev.clickstream.testsupport.LocalAws;

/** Test helper: the s3-archiver's properties for a stream of a local stack, tuned to react within seconds. */
final class ArchiverProperties {
    private ArchiverProperties() {}

    static String of(Endpoints at, String stream, String application, String bucket) {
        return String.join("\n",
                "streamName = " + stream, "applicationName = " + application, "regionName = us-east-1",
                "AwsCredentialsProvider = " + LocalAws.CREDENTIALS_SPEC, "initialPositionInStream = TRIM_HORIZON",
                "kinesisEndpoint = " + at.kinesis(), "dynamoDBEndpoint = " + at.dynamoDb(), "s3Endpoint = " + at.s3(),
                "metricsLevel = NONE", "s3.bucket = " + bucket, "maxBufferSize = 8192", "maxBufferAgeMillis = 1000",
                "shardSyncIntervalMillis = 1000", "idleTimeBetweenReadsInMillis = 200",
                "shardConsumerDispatchPollIntervalMillis = 100", "failoverTimeMillis = 3000", "");
    }
}
