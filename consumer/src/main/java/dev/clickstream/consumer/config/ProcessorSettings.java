package dev.clickstream.consumer.config;

import dev.clickstream.common.config.ConfigKey;
import dev.clickstream.common.config.ConfigValues;
import dev.clickstream.consumer.processor.Processor;
import java.util.List;

/**
 * What runs on the shards and how it is watched: the processor, the bound on its graceful
 * shutdown and the status line's period. The processor's own keys stay in
 * {@link ConsumerConfig#values()} for it to read.
 */
public record ProcessorSettings(Processor processor, long shutdownTimeoutMillis, long statusIntervalMillis) {

    public static final ConfigKey<Processor> PROCESSOR = ConfigKey.of("processor", Processor::named,
                    Processor.S3_ARCHIVER, Processor.names("|"))
            .doc("What each shard's records go to.");
    public static final ConfigKey<Long> SHUTDOWN_TIMEOUT = KclSettings.millis("shutdownTimeoutMillis", 30_000L)
            .doc("On SIGTERM/Ctrl-C, how long the graceful shutdown (upload and checkpoint) may take.");
    public static final ConfigKey<Long> STATUS_INTERVAL = KclSettings.millis("statusIntervalMillis", 5_000L)
            .doc("How often the status line is printed; 0 prints none.");

    /** The consumer's own keys, in --help order; the processor key comes last, before the processors' keys. */
    static final List<ConfigKey<?>> KEYS = List.of(SHUTDOWN_TIMEOUT, STATUS_INTERVAL, PROCESSOR);

    static ProcessorSettings from(ConfigValues v) {
        return new ProcessorSettings(v.get(PROCESSOR), v.get(SHUTDOWN_TIMEOUT), v.get(STATUS_INTERVAL));
    }
}
