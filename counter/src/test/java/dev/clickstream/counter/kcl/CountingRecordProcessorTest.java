package dev.clickstream.counter.kcl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.common.counts.ReferrerCount;
import dev.clickstream.common.status.StatusCounters;
import dev.clickstream.counter.CounterSettings;
import dev.clickstream.counter.CounterStats;
import dev.clickstream.counter.store.CountsSink;
import dev.clickstream.counter.store.WriteResult;
import dev.clickstream.testsupport.FakeCheckpointer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

class CountingRecordProcessorTest {
    private static final Instant START = Instant.parse("2026-11-22T12:00:00.000Z");

    /** Keeps what was written; can be told to fail. */
    static final class FakeSink implements CountsSink {
        final List<Map<String, List<ReferrerCount>>> writes = new ArrayList<>();
        volatile boolean failing;

        @Override
        public synchronized CompletableFuture<WriteResult> write(Instant timestamp, Map<String, List<ReferrerCount>> counts) {
            if (failing) {
                return CompletableFuture.failedFuture(new IllegalStateException("table unavailable"));
            }
            writes.add(Map.copyOf(counts));
            return CompletableFuture.completedFuture(WriteResult.allWritten(counts.size()));
        }
    }

    private final FakeClock clock = new FakeClock(START);
    private final FakeSink sink = new FakeSink();
    private final FakeCheckpointer checkpointer = new FakeCheckpointer();
    private final CounterStats stats = new CounterStats();
    private final StatusCounters status = new StatusCounters();
    private CountingEngine engine;
    private CountingRecordProcessor processor;
    private int sequence;

    @BeforeEach
    void setUp() {
        CounterSettings settings = CounterSettings.of(Map.of("countsTable", "counts-test",
                "counterCheckpointInterval", "0"));
        engine = new CountingEngine(settings, sink, stats, status, clock); // not started: the test flushes by hand
        processor = new CountingRecordProcessor(engine, settings, new MalformedRecords(clock, Duration.ofSeconds(10)),
                stats, status, clock);
        processor.initialize(InitializationInput.builder().shardId("shardId-000000000000").build());
    }

    @AfterEach
    void tearDown() {
        engine.close();
    }

    @Test
    void malformedRecordsAreCountedAndSkipped() {
        process(json("r", "http://a"), "not json", "{\"resource\":\"r\"}", "[1,2]",
                "{\"resource\":\"r\",\"referrer\":7}", "{\"resource\":\"\",\"referrer\":\"http://a\"}", json("r", "http://b"));

        assertThat(stats.malformed()).isEqualTo(5);
        assertThat(stats.counted()).isEqualTo(2);
        assertThat(engine.flushNow()).isTrue();
        assertThat(sink.writes.get(0).get("r")).extracting(ReferrerCount::referrer).containsExactly("http://a", "http://b");
    }

    @Test
    void checkpointsOnlyAfterTheCountsAreWritten() {
        process(json("r", "http://a"));
        String first = lastSequence();
        process(); // idle call: nothing written yet, so nothing to checkpoint
        assertThat(checkpointer.checkpoints()).isEmpty();

        assertThat(engine.flushNow()).isTrue();
        process(json("r", "http://b")); // added after the write: not covered yet
        assertThat(checkpointer.checkpoints()).containsExactly(first);
    }

    @Test
    void failedWriteHoldsTheCheckpointBack() {
        process(json("r", "http://a"));
        sink.failing = true;
        assertThat(engine.flushNow()).isFalse();
        process();
        assertThat(checkpointer.checkpoints()).isEmpty();
        assertThat(stats.writeFailures()).isEqualTo(1);

        sink.failing = false;
        assertThat(engine.flushNow()).isTrue();
        process();
        assertThat(checkpointer.checkpoints()).containsExactly(lastSequence());
    }

    @Test
    void lateRecordsAreNotCountedButCanBeCheckpointed() {
        process(Instant.parse("2026-11-22T11:59:00Z"), json("r", "http://old"));
        assertThat(stats.late()).isEqualTo(1);
        assertThat(engine.flushNow()).isTrue();
        assertThat(sink.writes).isEmpty(); // nothing in the window
        process();
        assertThat(checkpointer.checkpoints()).containsExactly(lastSequence());
    }

    @Test
    void emptiedResourceGetsOneEmptyItemThenNone() {
        process(json("r", "http://a"));
        engine.flushNow();
        clock.advance(Duration.ofSeconds(11));
        engine.flushNow();
        engine.flushNow();
        assertThat(sink.writes).containsExactly(Map.of("r", List.of(new ReferrerCount("http://a", 1))), Map.of("r", List.of()));
    }

    @Test
    void theStatusLineSeesTheShardItsRecordsTheItemsWrittenAndTheLag() {
        assertThat(status.shardsOwned()).isEqualTo(1);
        processor.processRecords(ProcessRecordsInput.builder().records(List.of()).checkpointer(checkpointer)
                .millisBehindLatest(1500L).build());
        assertThat(status.maxMillisBehind()).isEqualTo(1500);
        process(json("r", "http://a"), json("s", "http://a"), "not json");
        assertThat(status.records()).as("malformed ones are handled too").isEqualTo(3);
        assertThat(status.outputs()).isZero();
        engine.flushNow();
        assertThat(status.outputs()).as("one item per resource").isEqualTo(2);
        processor.shardEnded(ShardEndedInput.builder().checkpointer(checkpointer).build());
        assertThat(status.shardsOwned()).isZero();
    }

    @Test
    void shardEndWritesThenCheckpointsTheEnd() {
        process(json("r", "http://a"));
        processor.shardEnded(ShardEndedInput.builder().checkpointer(checkpointer).build());
        assertThat(sink.writes).hasSize(1);
        assertThat(checkpointer.checkpoints()).containsExactly(lastSequence(), "SHARD_END");
    }

    @Test
    void shardEndWithoutAWriteDoesNotCheckpointTheEnd() {
        process(json("r", "http://a"));
        sink.failing = true;
        processor.shardEnded(ShardEndedInput.builder().checkpointer(checkpointer).build());
        assertThat(checkpointer.checkpoints()).isEmpty();
    }

    private void process(String... data) {
        process(clock.instant(), data);
    }

    private void process(Instant arrivedAt, String... data) {
        List<KinesisClientRecord> records = new ArrayList<>();
        for (String d : data) {
            records.add(KinesisClientRecord.builder()
                    .data(ByteBuffer.wrap(d.getBytes(StandardCharsets.UTF_8)))
                    .sequenceNumber(Integer.toString(++sequence))
                    .partitionKey("p")
                    .approximateArrivalTimestamp(arrivedAt)
                    .build());
        }
        processor.processRecords(ProcessRecordsInput.builder().records(records).checkpointer(checkpointer).build());
    }

    private String lastSequence() {
        return Integer.toString(sequence);
    }

    private static String json(String resource, String referrer) {
        return "{\"resource\":\"" + resource + "\",\"referrer\":\"" + referrer + "\"}";
    }
}
