package dev.clickstream.counter.kcl;

import dev.clickstream.counter.CounterListener;
import dev.clickstream.counter.CounterSettings;
import dev.clickstream.counter.store.CountsSink;
import java.time.Clock;
import java.time.Duration;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.processor.ShardRecordProcessorFactory;

/**
 * Hands the KCL one processor per shard, all sharing one window and one writer. Close it after
 * the scheduler has shut down.
 */
public final class CountingProcessorFactory implements ShardRecordProcessorFactory, AutoCloseable {
    private final CounterSettings settings;
    private final CounterListener listener;
    private final Clock clock;
    private final CountingEngine engine;
    private final MalformedRecords malformed;

    public CountingProcessorFactory(CounterSettings settings, CountsSink sink, CounterListener listener, Clock clock) {
        this.settings = settings;
        this.listener = listener;
        this.clock = clock;
        this.engine = new CountingEngine(settings, sink, listener, clock);
        this.malformed = new MalformedRecords(clock, Duration.ofSeconds(10));
        engine.start();
    }

    @Override
    public ShardRecordProcessor shardRecordProcessor() {
        return new CountingRecordProcessor(engine, settings, malformed, listener, clock);
    }

    public CountingEngine engine() {
        return engine;
    }

    public long malformedTotal() {
        return malformed.total();
    }

    @Override
    public void close() {
        engine.close();
    }
}
