package dev.clickstream.consumer.logger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.common.status.StatusCounters;
import dev.clickstream.testsupport.FakeCheckpointer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
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

    @Test
    void printsEachRecordThenCheckpointsTheBatchAndCountsItOnTheStatusLine() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        StatusCounters status = new StatusCounters();
        FakeCheckpointer checkpointer = new FakeCheckpointer();
        RecordLoggerProcessor p = new RecordLoggerProcessor(new PrintStream(console, true, StandardCharsets.UTF_8), status);
        p.initialize(InitializationInput.builder().shardId("shardId-000000000001").build());
        assertThat(status.shardsOwned()).isEqualTo(1);

        KinesisClientRecord second = KinesisClientRecord.builder().sequenceNumber("4960").partitionKey("sensor-4")
                .data(ByteBuffer.wrap("b".getBytes(StandardCharsets.UTF_8))).build();
        p.processRecords(ProcessRecordsInput.builder().records(List.of(record("a"), second)).checkpointer(checkpointer)
                .millisBehindLatest(250L).build());
        assertThat(console.toString(StandardCharsets.UTF_8).lines()).hasSize(2);
        assertThat(checkpointer.checkpoints()).containsExactly("4960");
        assertThat(status.records()).isEqualTo(2);
        assertThat(status.outputs()).as("one checkpoint").isEqualTo(1);
        assertThat(status.maxMillisBehind()).isEqualTo(250);

        p.shutdownRequested(ShutdownRequestedInput.builder().checkpointer(checkpointer).build());
        assertThat(checkpointer.checkpoints()).containsExactly("4960", "SHARD_END");
        assertThat(status.shardsOwned()).isZero();
    }
}
