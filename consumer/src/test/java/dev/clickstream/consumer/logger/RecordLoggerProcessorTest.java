package dev.clickstream.consumer.logger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

class RecordLoggerProcessorTest {

    private static KinesisClientRecord record(String data) {
        return KinesisClientRecord.builder().sequenceNumber("4959").partitionKey("sensor-3")
                .data(ByteBuffer.wrap(data.getBytes(StandardCharsets.UTF_8))).build();
    }

    @Test
    void oneLineWithShardSequencePartitionKeyAndData() {
        assertThat(RecordLoggerProcessor.line("shardId-000000000001", record("{\"reading\":7}")))
                .isEqualTo("Record: shardId=shardId-000000000001, sequenceNumber=4959, partitionKey=sensor-3, "
                        + "data={\"reading\":7}");
    }

    @Test
    void newlinesInTheDataAreEscapedSoEachRecordStaysOneLine() {
        assertThat(RecordLoggerProcessor.line("s", record("a\nb\r\n"))).endsWith("data=a\\nb\\r\\n").doesNotContain("\n");
    }

    @Test
    void readingTheDataLeavesTheRecordsBufferAlone() {
        KinesisClientRecord r = record("abc");
        RecordLoggerProcessor.line("s", r);
        assertThat(r.data().remaining()).isEqualTo(3);
    }
}
