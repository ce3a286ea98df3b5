package dev.clickstream.consumer.logger;

import dev.clickstream.consumer.processor.CountingProcessors;
import dev.clickstream.consumer.processor.PluginContext;
import dev.clickstream.consumer.processor.ProcessorPlugin;
import java.io.PrintStream;
import software.amazon.kinesis.processor.ShardRecordProcessorFactory;

/**
 * The KCL developer guide's basic sample as a processor of consumer.jar
 * ({@code processor = record-logger}): each record to the console and the log, a checkpoint after
 * each batch. It has no keys of its own.
 */
public final class RecordLoggerPlugin implements ProcessorPlugin {
    public static final String NAME = "record-logger";

    private final PrintStream console;

    public RecordLoggerPlugin() {
        this(System.out);
    }

    RecordLoggerPlugin(PrintStream console) {
        this.console = console;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "logs each record (shard, sequence number, partition key, data) and checkpoints after each batch";
    }

    @Override
    public Running start(PluginContext context) {
        ShardRecordProcessorFactory factory = CountingProcessors.wrap(
                () -> new RecordLoggerProcessor(console, context.counters()), context.counters());
        return new Running() {
            @Override
            public ShardRecordProcessorFactory processorFactory() {
                return factory;
            }

            @Override
            public String outputNoun() {
                return "checkpoints";
            }

            @Override
            public String describe() {
                return "logging each record to the console and the log, checkpointing after each batch";
            }
        };
    }
}
