package dev.clickstream.consumer.processor;

import dev.clickstream.common.config.ConfigDef;
import dev.clickstream.common.config.ConfigException;
import dev.clickstream.common.config.ConfigKey;
import dev.clickstream.consumer.archive.S3ArchiverPlugin;
import dev.clickstream.consumer.counter.ReferrerCounterPlugin;
import dev.clickstream.consumer.logger.RecordLoggerPlugin;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The processor plugins this consumer can run, by name; the {@code processor} key picks one. */
public final class ProcessorRegistry {
    public static final String PROCESSOR_KEY = "processor";

    private final Map<String, ProcessorPlugin> plugins = new LinkedHashMap<>();
    // one instance, because parsed values are looked up by key identity
    private ConfigKey<String> processorKey;

    /** The plugins shipped in consumer.jar. The first one is the default. */
    public static ProcessorRegistry standard() {
        return new ProcessorRegistry().register(new S3ArchiverPlugin()).register(new ReferrerCounterPlugin())
                .register(new RecordLoggerPlugin());
    }

    public synchronized ProcessorRegistry register(ProcessorPlugin plugin) {
        if (plugins.putIfAbsent(plugin.name(), plugin) != null) {
            throw new IllegalArgumentException("processor registered twice: " + plugin.name());
        }
        processorKey = null;
        return this;
    }

    public List<String> names() {
        return List.copyOf(plugins.keySet());
    }

    /** The {@code processor} key; its default is the first plugin registered. */
    public synchronized ConfigKey<String> processorKey() {
        if (processorKey != null) {
            return processorKey;
        }
        List<String> names = names();
        processorKey = ConfigKey.string(PROCESSOR_KEY, names.get(0))
                .check(names::contains, "be one of " + String.join(", ", names))
                .label(String.join("|", names))
                .doc("What each shard's records go to.");
        return processorKey;
    }

    /** {@code base}, the processor key and every plugin's keys: the whole configuration's definition. */
    public ConfigDef configDef(ConfigDef base) {
        ConfigDef def = base.with(processorKey());
        for (ProcessorPlugin plugin : plugins.values()) {
            def = def.with(plugin.keys().keys().toArray(ConfigKey<?>[]::new));
        }
        return def;
    }

    public ProcessorPlugin get(String name) {
        ProcessorPlugin plugin = plugins.get(name);
        if (plugin == null) {
            throw new ConfigException(PROCESSOR_KEY, "must be one of " + String.join(", ", names()) + ", got '" + name + "'");
        }
        return plugin;
    }
}
