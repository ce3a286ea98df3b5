package dev.clickstream.consumer.bench;

import dev.clickstream.consumer.archive.Batch;
import dev.clickstream.consumer.archive.RecordBuffer;
import java.nio.ByteBuffer;
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
 * The archiver's per-record hot path: copy a record into the shard buffer (plus "\n"), test the
 * size, drain a full 1 MiB batch. One operation is one record. Not part of {@code mvn verify};
 * run consumer/bench/jmh.sh (figures in docs/benchmarks.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RecordBufferBenchmark {
    private static final int RECORDS = 10_000;

    /** Record size in bytes: a click event is about 150 bytes. */
    @Param({"150", "1024"})
    public int recordBytes;

    private ByteBuffer[] records;
    private String[] sequences;
    private RecordBuffer buffer;

    @Setup
    public void setUp() {
        records = new ByteBuffer[RECORDS];
        sequences = new String[RECORDS];
        byte[] data = new byte[recordBytes];
        java.util.Arrays.fill(data, (byte) 'x');
        for (int i = 0; i < RECORDS; i++) {
            records[i] = ByteBuffer.wrap(data);
            sequences[i] = ("4968045570544701595819390735432376693312072332345763" + (1000 + i % 9000));
        }
        buffer = new RecordBuffer(1_048_576, 0);
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void addAndDrain(Blackhole sink) {
        for (int i = 0; i < RECORDS; i++) {
            if (buffer.add(records[i], sequences[i], 0, null, i)) {
                Batch batch = buffer.drain();
                sink.consume(batch);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        org.openjdk.jmh.Main.main(args.length == 0 ? new String[] {RecordBufferBenchmark.class.getSimpleName()} : args);
    }
}
