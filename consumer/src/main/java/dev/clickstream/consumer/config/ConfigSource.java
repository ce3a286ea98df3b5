package dev.clickstream.consumer.config;

import dev.clickstream.common.config.ConfigLoader;
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

    public static Loaded load(Path file, Map<String, String> env, Map<String, String> overrides) {
        ConfigLoader.Loaded loaded = ConfigLoader.of(ConsumerConfig.definition())
                .file(file)
                .environment(env)
                .overrides(overrides)
                .aliases(ConsumerConfig.ALIASES)
                .unknownKeys(ConfigLoader.UnknownKeys.WARN)
                .load();
        return new Loaded(ConsumerConfig.from(loaded.values()), loaded.unknownKeys());
    }
}
