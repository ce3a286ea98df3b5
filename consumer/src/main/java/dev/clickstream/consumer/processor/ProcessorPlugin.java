package dev.clickstream.consumer.processor;

import dev.clickstream.common.config.ConfigDef;
import software.amazon.kinesis.processor.ShardRecordProcessorFactory;

/**
 * What the consumer runs on each shard, chosen by the {@code processor} key. The consumer owns
 * the KCL (configuration, clients, leases, shutdown, the status line); a plugin brings only its
 * keys, its start-up preparation and its record processors.
 *
 * <p>Life cycle: {@link #keys()} is read when the configuration is defined (before any file is
 * read), so a plugin's keys are validated, documented in {@code --help} and exposed as CLI
 * options and environment variables like the core keys. After the configuration is loaded and the
 * stream is known to exist, {@link #start(PluginContext)} is called once, before the KCL
 * scheduler is built; it prepares what the plugin needs (a bucket, a table) and returns the
 * {@link Running} plugin. {@link Running#close()} is called after the scheduler has stopped.
 */
public interface ProcessorPlugin {

    /** The value of the {@code processor} key that selects this plugin, e.g. {@code s3-archiver}. */
    String name();

    /** One line for {@code --help}. */
    default String description() {
        return "";
    }

    /** The plugin's own keys; empty by default. Names must not collide with the core keys or other plugins'. */
    default ConfigDef keys() {
        return ConfigDef.of();
    }

    /**
     * Reads the plugin's settings from {@code context.values()}, checks or creates what it needs
     * with {@code context}'s clients, and returns the running plugin.
     *
     * @throws dev.clickstream.common.config.ConfigException for a bad value (exit 2, names the key)
     * @throws dev.clickstream.common.cli.CliException for a run-time failure such as a missing
     *         bucket (one line, exit 1)
     */
    Running start(PluginContext context);

    /** A started plugin: the processors the KCL creates, one per shard lease. */
    interface Running extends AutoCloseable {

        /** Called by the KCL once per shard this worker takes. */
        ShardRecordProcessorFactory processorFactory();

        /**
         * Whether processRecords must also be called when a read returned no records (for
         * time-based work on idle shards, such as an age flush or a window tick). When true the
         * consumer forces the KCL's {@code callProcessRecordsEvenForEmptyRecordList} on.
         */
        default boolean needsCallsOnIdleShards() {
            return false;
        }

        /** The plural noun for what {@link StatusCounters#outputWritten} counts on the status line. */
        default String outputNoun() {
            return "objects";
        }

        /** A short line for the console once the plugin is ready, e.g. where it writes; empty for none. */
        default String describe() {
            return "";
        }

        /** Releases what {@link #start} created; called after the KCL scheduler has stopped. */
        @Override
        default void close() {}
    }
}
