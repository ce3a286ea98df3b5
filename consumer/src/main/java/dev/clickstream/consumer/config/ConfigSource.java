package dev.clickstream.consumer.config;

import dev.clickstream.common.config.ConfigDef;
import dev.clickstream.common.config.ConfigLoader;
import dev.clickstream.consumer.processor.ProcessorRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Loads the one configuration: defaults &lt; properties file &lt; {@code CLICKSTREAM_*} environment
 * &lt; CLI options. Unknown keys in the file are let through and reported, because KCL
 * multi-language files carry keys (executableName…) that mean nothing here.
 */
public final class ConfigSource {
    private ConfigSource() {}

    public record Loaded(ConsumerConfig config, List<String> unknownKeys) {}

    public static ConfigDef definition(ProcessorRegistry registry) {
        return registry.configDef(ConsumerConfig.coreKeys());
    }

    public static Loaded load(ProcessorRegistry registry, Path file, Map<String, String> env,
                              Map<String, String> overrides) {
        ConfigLoader.Loaded loaded = ConfigLoader.of(definition(registry))
                .file(file)
                .environment(env)
                .overrides(overrides)
                .aliases(ConsumerConfig.ALIASES)
                .unknownKeys(ConfigLoader.UnknownKeys.WARN)
                .load();
        return new Loaded(ConsumerConfig.from(loaded.values(), registry.processorKey()), loaded.unknownKeys());
    }
}
