package dev.clickstream.counter.bench;

import dev.clickstream.common.event.ClickEvent;
import dev.clickstream.common.event.ClickEventCodec;
import dev.clickstream.common.event.ClickEventGenerator;
import dev.clickstream.counter.window.SlidingWindowCounter;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The counter's per-record hot path: parse the click event's JSON and count the pair in the
 * sliding window; once per simulated second, take the Top-N snapshot that is written to
 * DynamoDB. One operation is one record. Not part of {@code mvn verify}: run counter/bench/jmh.sh.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CountingBenchmark {
    private static final int RECORDS = 10_000;

    /** Records per simulated second, so per snapshot: a shard's worth (1,000) or ten shards'. */
    @Param({"1000", "10000"})
    public int recordsPerSecond;

    /** Distinct resources (the producer makes one per shard). */
    @Param({"2", "100"})
    public int resources;

    private ByteBuffer[] records;
    private SlidingWindowCounter window;
    private long record;

    @Setup
    public void setUp() {
        ClickEventGenerator events = new ClickEventGenerator(resources, 42);
        records = new ByteBuffer[RECORDS];
        for (int i = 0; i < RECORDS; i++) {
            records[i] = ByteBuffer.wrap(ClickEventCodec.toJson(events.next()));
        }
        window = new SlidingWindowCounter(10, 50);
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void parseCountAndSnapshot(Blackhole sink) {
        for (int i = 0; i < RECORDS; i++) {
            Instant now = Instant.ofEpochSecond(1_800_000_000L + record / recordsPerSecond);
            ClickEvent event = ClickEventCodec.parse(records[i].duplicate()).orElseThrow();
            window.add(event.resource(), event.referrer(), now, now);
            if (++record % recordsPerSecond == 0) {
                sink.consume(window.snapshot(now));
            }
        }
    }
}
