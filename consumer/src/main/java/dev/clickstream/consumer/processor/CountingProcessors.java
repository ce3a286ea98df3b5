package dev.clickstream.consumer.processor;

import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.processor.ShardRecordProcessorFactory;

/**
 * Feeds the status line for a plugin whose processors know nothing of {@link StatusCounters}:
 * wraps its factory so that shards owned, records handed to processRecords (counted once the call
 * returns) and the lag are counted. Outputs are left to the plugin.
 */
public final class CountingProcessors {
    private CountingProcessors() {}

    public static ShardRecordProcessorFactory wrap(ShardRecordProcessorFactory factory, StatusCounters counters) {
        return () -> new Counting(factory.shardRecordProcessor(), counters);
    }

    private static final class Counting implements ShardRecordProcessor {
        private final ShardRecordProcessor delegate;
        private final StatusCounters counters;
        private String shardId;

        Counting(ShardRecordProcessor delegate, StatusCounters counters) {
            this.delegate = delegate;
            this.counters = counters;
        }

        @Override
        public void initialize(InitializationInput input) {
            shardId = input.shardId();
            counters.shardStarted(shardId);
            delegate.initialize(input);
        }

        @Override
        public void processRecords(ProcessRecordsInput input) {
            counters.millisBehind(shardId, input.millisBehindLatest());
            delegate.processRecords(input);
            counters.recordsDone(input.records().size());
        }

        @Override
        public void leaseLost(LeaseLostInput input) {
            try {
                delegate.leaseLost(input);
            } finally {
                counters.shardStopped(shardId);
            }
        }

        @Override
        public void shardEnded(ShardEndedInput input) {
            try {
                delegate.shardEnded(input);
            } finally {
                counters.shardStopped(shardId);
            }
        }

        @Override
        public void shutdownRequested(ShutdownRequestedInput input) {
            try {
                delegate.shutdownRequested(input);
            } finally {
                counters.shardStopped(shardId);
            }
        }
    }
}
