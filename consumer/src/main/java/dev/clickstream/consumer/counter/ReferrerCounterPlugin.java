package dev.clickstream.consumer.counter;

import dev.clickstream.common.cli.CliException;
import dev.clickstream.common.config.ConfigDef;
import dev.clickstream.consumer.processor.CountingProcessors;
import dev.clickstream.consumer.processor.PluginContext;
import dev.clickstream.consumer.processor.ProcessorPlugin;
import dev.clickstream.consumer.processor.StatusCounters;
import dev.clickstream.counter.CounterListener;
import dev.clickstream.counter.CounterSettings;
import dev.clickstream.counter.CountsTablePreparer;
import dev.clickstream.counter.ReferrerCounter;
import dev.clickstream.counter.kcl.CountingProcessorFactory;
import java.time.Instant;
import software.amazon.kinesis.processor.ShardRecordProcessorFactory;

/**
 * The data-visualization sample's counter as a processor of consumer.jar
 * ({@code processor = referrer-counter}): sliding-window referrer counts into DynamoDB. The
 * counting lives in the counter module; this class only hosts it.
 */
public final class ReferrerCounterPlugin implements ProcessorPlugin {

    @Override
    public String name() {
        return ReferrerCounter.PROCESSOR_NAME;
    }

    @Override
    public String description() {
        return "counts (resource, referrer) pairs over a sliding window and writes them to DynamoDB";
    }

    @Override
    public ConfigDef keys() {
        return ReferrerCounter.keys();
    }

    @Override
    public Running start(PluginContext context) {
        CounterSettings settings = CounterSettings.from(context.values());
        boolean expires;
        try {
            expires = new CountsTablePreparer(context.dynamoDb(), settings).prepare();
        } catch (CountsTablePreparer.CountsTableException e) {
            throw CliException.runtime(e.getMessage());
        }
        CountingProcessorFactory counting = ReferrerCounter.processorFactory(settings, context.dynamoDb(),
                new ItemsWritten(context.counters()));
        ShardRecordProcessorFactory factory = CountingProcessors.wrap(counting, context.counters());
        return new Running() {
            @Override
            public ShardRecordProcessorFactory processorFactory() {
                return factory;
            }

            @Override
            public boolean needsCallsOnIdleShards() {
                // the window moves on and counts are written every interval, records or not
                return true;
            }

            @Override
            public String outputNoun() {
                return "items";
            }

            @Override
            public String describe() {
                return "counting referrers over " + settings.windowSeconds() + " s into DynamoDB table "
                        + settings.table() + " every " + settings.interval().toMillis() + " ms"
                        + (expires ? "" : "\n" + CountsTablePreparer.TTL_UNSUPPORTED);
            }

            @Override
            public void close() {
                counting.close();
            }
        };
    }

    /** Table items written count as the status line's outputs. */
    private record ItemsWritten(StatusCounters counters) implements CounterListener {
        @Override
        public void countsWritten(Instant timestamp, int items) {
            for (int i = 0; i < items; i++) {
                counters.outputWritten();
            }
        }
    }
}
