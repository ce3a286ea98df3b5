package dev.clickstream.consumer.processor;

import dev.clickstream.common.config.ConfigValues;
import dev.clickstream.consumer.config.ConsumerConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * What a plugin gets at start-up: every parsed value (its own keys included), the core settings,
 * the consumer's shared SDK clients (configured with the endpoints, region and credentials; the
 * consumer closes them), the counters behind the status line and a view of the leases this
 * worker holds.
 */
public record PluginContext(
        ConfigValues values,
        ConsumerConfig config,
        KinesisAsyncClient kinesis,
        DynamoDbAsyncClient dynamoDb,
        S3AsyncClient s3,
        StatusCounters counters,
        LeaseView leases) {
}
