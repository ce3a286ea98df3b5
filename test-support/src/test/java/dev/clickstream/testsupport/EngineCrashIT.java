package dev.clickstream.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Record;

/** With --persist, what the engines acknowledged survives a SIGKILL of the engine itself. */
class EngineCrashIT {
    @TempDir
    Path dir;

    @Test
    void recordsAndItemsSurviveASigkillOfTheirEngine() throws Exception {
        try (LocalAws aws = LocalAws.startPersistent(dir)) {
            aws.createStream("crash", 1);
            List<PutRecordsRequestEntry> entries = IntStream.range(0, 500)
                    .mapToObj(i -> PutRecordsRequestEntry.builder().partitionKey("k" + i)
                            .data(SdkBytes.fromUtf8String("record-" + i)).build())
                    .toList();
            assertThat(aws.kinesis().putRecords(r -> r.streamName("crash").records(entries)).failedRecordCount()).isZero();
            aws.dynamoDb().createTable(r -> r.tableName("crash").billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(k -> k.attributeName("id").keyType("HASH"))
                    .attributeDefinitions(a -> a.attributeName("id").attributeType("S")));
            aws.dynamoDb().waiter().waitUntilTableExists(r -> r.tableName("crash"));
            aws.dynamoDb().putItem(r -> r.tableName("crash").item(Map.of("id", AttributeValue.fromS("lease"),
                    "checkpoint", AttributeValue.fromS("49"))));

            aws.stack().stopService("kinesis");
            aws.stack().stopService("dynamodb");
            aws.stack().startService("kinesis");
            aws.stack().startService("dynamodb");

            String iterator = aws.kinesis().getShardIterator(r -> r.streamName("crash").shardId("shardId-000000000000")
                    .shardIteratorType("TRIM_HORIZON")).shardIterator();
            List<Record> records = aws.kinesis().getRecords(r -> r.shardIterator(iterator)).records();
            assertThat(records).extracting(rec -> rec.data().asUtf8String())
                    .containsExactlyElementsOf(IntStream.range(0, 500).mapToObj(i -> "record-" + i).toList());
            assertThat(aws.dynamoDb().getItem(r -> r.tableName("crash")
                    .key(Map.of("id", AttributeValue.fromS("lease")))).item())
                    .containsEntry("checkpoint", AttributeValue.fromS("49"));
        }
    }
}
