package dev.clickstream.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.testsupport.JavaProcess;
import dev.clickstream.testsupport.LocalAws;
import dev.clickstream.testsupport.LocalStackExtension;
import dev.clickstream.testsupport.Poll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * The README's basic sample: producer.jar with config/basic/producer.properties (sensor readings)
 * and consumer.jar with config/basic/sample.properties (record-logger), their values as shipped
 * except the endpoints, which point at the test's local stack.
 */
@ExtendWith(LocalStackExtension.class)
class BasicSampleIT {
    static final Path PROJECT = QuickStartIT.PROJECT;
    static final Path BASIC = PROJECT.resolve("config/basic");
    static final String STREAM = "kclnodejssample";
    static final Pattern READING = Pattern.compile(
            "\\{\"time\":\"\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\",\"sensor\":\"(sensor-\\d+)\",\"reading\":\\d+}");

    @TempDir
    Path work;

    /** Shard id by sequence number, filled in by {@link #readStream}. */
    private final Map<String, String> shardBySequence = new HashMap<>();

    @Test
    void theSensorReadingsAreLoggedWithShardSequenceAndPartitionKeyAndCheckpointed(LocalAws aws) throws Exception {
        produce(aws, 20);
        List<Record> records = new ArrayList<>();
        Map<String, String> lastByShard = readStream(aws, records);
        assertThat(records).hasSize(20).allSatisfy(r -> {
            var m = READING.matcher(r.data().asUtf8String());
            assertThat(m.matches()).as(r.data().asUtf8String()).isTrue();
            assertThat(r.partitionKey()).isEqualTo(m.group(1));
        });

        Path consumerDir = work.resolve("consumer");
        Files.createDirectories(consumerDir);
        try (JavaProcess consumer = JavaProcess.jar(PROJECT.resolve("consumer/target/consumer.jar"))
                .args("--properties", BASIC.resolve("sample.properties").toString(),
                        "--kinesis-endpoint", aws.kinesisEndpoint().toString(),
                        "--dynamo-db-endpoint", aws.dynamoDbEndpoint().toString())
                .env("LOG_DIR", consumerDir.resolve("logs").toString()).workDir(consumerDir).start()) {
            consumer.awaitStdoutLine(Pattern.compile("^consumer: logging each record"), Duration.ofSeconds(30));
            Poll.until(Duration.ofSeconds(120), "every record on the console", () ->
                    records.stream().allMatch(r -> consumer.stdout().contains(expectedLine(r, shardOf(r)))));
            Poll.until(Duration.ofSeconds(30), "each shard checkpointed at its last record",
                    () -> Checkpoints.of(aws, "kclnodejssample").equals(lastByShard));

            consumer.terminate();
            consumer.awaitExit(Duration.ofSeconds(60));
            assertThat(consumer.stdout()).contains("consumer: stopped");
        }
        String log = Files.readString(consumerDir.resolve("logs/application.log"));
        for (Record r : records) {
            assertThat(log).contains(expectedLine(r, shardOf(r)));
        }
        assertThat(log).contains("[" + shardOf(records.get(0)) + "] - Shutdown requested: checkpointing")
                .contains("] - Checkpointed at ")
                .contains("at the last record delivered");
        assertThat(Checkpoints.of(aws, "kclnodejssample")).as("checkpoint() on the shutdown request keeps the checkpoints")
                .isEqualTo(lastByShard);
    }

    private void produce(LocalAws aws, int count) {
        Path dir = work.resolve("producer");
        try (JavaProcess producer = JavaProcess.jar(PROJECT.resolve("producer/target/producer.jar"))
                .args("--config", BASIC.resolve("producer.properties").toString(),
                        "--kinesis-endpoint", aws.kinesisEndpoint().toString(), "--count", Integer.toString(count))
                .env("LOG_DIR", dir.resolve("logs").toString()).workDir(work)
                .run(Duration.ofSeconds(90))) {
            assertThat(producer.exitCode()).as(producer.describe()).isZero();
        }
    }

    private String shardOf(Record r) {
        return shardBySequence.get(r.sequenceNumber());
    }

    private Map<String, String> readStream(LocalAws aws, List<Record> into) {
        Map<String, String> last = new HashMap<>();
        for (Shard shard : aws.kinesis().listShards(r -> r.streamName(STREAM)).shards()) {
            String iterator = aws.kinesis().getShardIterator(r -> r.streamName(STREAM).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String from = iterator;
                GetRecordsResponse page = aws.kinesis().getRecords(r -> r.shardIterator(from));
                for (Record record : page.records()) {
                    into.add(record);
                    shardBySequence.put(record.sequenceNumber(), shard.shardId());
                    last.put(shard.shardId(), record.sequenceNumber());
                }
                iterator = page.records().isEmpty() ? null : page.nextShardIterator();
            }
        }
        return last;
    }

    private static String expectedLine(Record r, String shardId) {
        return "Record: shardId=" + shardId + ", sequenceNumber=" + r.sequenceNumber() + ", partitionKey="
                + r.partitionKey() + ", data=" + r.data().asUtf8String();
    }
}
