package dev.clickstream.counter.kcl;

import dev.clickstream.common.status.StatusCounters;
import dev.clickstream.counter.CounterListener;
import dev.clickstream.counter.CounterSettings;
import dev.clickstream.counter.store.CountsSink;
import dev.clickstream.counter.store.DynamoDbCountsSink;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.processor.ShardRecordProcessorFactory;

/**
 * Hands the KCL one processor per shard, all sharing one window and one writer. Close it after
 * the scheduler has shut down: it stops the thread that writes the counts.
 */
public final class CountingProcessorFactory implements ShardRecordProcessorFactory, AutoCloseable {
    private final CounterSettings settings;
    private final CounterListener listener;
    private final StatusCounters status;
    private final Clock clock;
    private final CountingEngine engine;
    private final MalformedRecords malformed;

    public CountingProcessorFactory(CounterSettings settings, CountsSink sink, CounterListener listener,
                                    StatusCounters status, Clock clock) {
        this.settings = settings;
        this.listener = listener;
        this.status = status;
        this.clock = clock;
        this.engine = new CountingEngine(settings, sink, listener, status, clock);
        this.malformed = new MalformedRecords(clock, Duration.ofSeconds(10));
        engine.start();
    }

    /**
     * The counter writing to the counts table in DynamoDB; call
     * {@link dev.clickstream.counter.CountsTablePreparer#prepare()} first.
     */
    public static CountingProcessorFactory create(CounterSettings settings, DynamoDbAsyncClient dynamoDb,
                                                  CounterListener listener, StatusCounters status) {
        return new CountingProcessorFactory(settings, new DynamoDbCountsSink(dynamoDb, settings), listener, status,
                Clock.systemUTC());
    }

    @Override
    public ShardRecordProcessor shardRecordProcessor() {
        return new CountingRecordProcessor(engine, settings, malformed, listener, status, clock);
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
        malformed.flush();
    }
}
