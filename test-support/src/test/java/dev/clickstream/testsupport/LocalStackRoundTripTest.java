package dev.clickstream.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** One round trip through each of the three real servers, with the real SDK v2 clients. */
@ExtendWith(LocalStackExtension.class)
class LocalStackRoundTripTest {

    @Test
    void kinesisStreamTakesARecordAndGivesItBack(LocalAws aws) {
        String stream = LocalAws.uniqueName("roundtrip");
        aws.createStream(stream, 1);

        PutRecordResponse put = aws.kinesis().putRecord(r -> r.streamName(stream).partitionKey("resource-0")
                .data(SdkBytes.fromUtf8String("{\"resource\":\"resource-0\"}")));

        String iterator = aws.kinesis().getShardIterator(r -> r.streamName(stream).shardId(put.shardId())
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        GetRecordsResponse got = aws.kinesis().getRecords(r -> r.shardIterator(iterator));
        assertThat(got.records()).hasSize(1);
        assertThat(got.records().get(0).data().asUtf8String()).isEqualTo("{\"resource\":\"resource-0\"}");
        assertThat(got.records().get(0).partitionKey()).isEqualTo("resource-0");
        assertThat(got.records().get(0).sequenceNumber()).isEqualTo(put.sequenceNumber());
    }

    @Test
    void dynamoDbTableTakesAnItemAndGivesItBack(LocalAws aws) {
        String table = LocalAws.uniqueName("roundtrip");
        aws.dynamoDb().createTable(r -> r.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName("resource").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("resource")
                        .attributeType(ScalarAttributeType.S).build()));
        aws.dynamoDb().waiter().waitUntilTableExists(r -> r.tableName(table));

        aws.dynamoDb().putItem(r -> r.tableName(table).item(Map.of(
                "resource", AttributeValue.fromS("resource-1"),
                "host", AttributeValue.fromS("test-host"))));

        Map<String, AttributeValue> item = aws.dynamoDb().getItem(r -> r.tableName(table)
                .key(Map.of("resource", AttributeValue.fromS("resource-1"))).consistentRead(true)).item();
        assertThat(item).containsEntry("host", AttributeValue.fromS("test-host"));
    }

    @Test
    void s3BucketTakesAnObjectAndGivesItBackAndKeepsItAsAPlainFile(LocalAws aws) throws Exception {
        String bucket = LocalAws.uniqueName("roundtrip");
        String key = "shardId-000000000000/100-200";
        byte[] body = "{\"a\":1}\n{\"b\":2}\n".getBytes(StandardCharsets.UTF_8);
        aws.s3().createBucket(r -> r.bucket(bucket));

        aws.s3().putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(body));

        assertThat(aws.s3().getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray()).isEqualTo(body);
        assertThat(Files.readAllBytes(aws.s3Root().resolve(bucket).resolve(key))).isEqualTo(body);
    }
}
