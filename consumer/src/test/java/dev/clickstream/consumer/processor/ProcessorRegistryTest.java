package dev.clickstream.consumer.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clickstream.common.config.ConfigDef;
import dev.clickstream.common.config.ConfigException;
import dev.clickstream.common.config.ConfigKey;
import dev.clickstream.consumer.config.ConfigSource;
import dev.clickstream.consumer.config.ConsumerConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A second plugin's keys join the configuration and the processor key picks it. */
class ProcessorRegistryTest {
    static final ConfigKey<Integer> WINDOW = ConfigKey.integer("demo.windowSeconds", 10)
            .check(n -> n >= 1, "be at least 1");

    static final class DemoPlugin implements ProcessorPlugin {
        @Override
        public String name() {
            return "demo";
        }

        @Override
        public ConfigDef keys() {
            return ConfigDef.of(WINDOW);
        }

        @Override
        public Running start(PluginContext context) {
            throw new UnsupportedOperationException("not started in this test");
        }
    }

    private static final Map<String, String> CORE = Map.of("streamName", "s", "applicationName", "a",
            "regionName", "us-east-1");

    private static ConsumerConfig load(ProcessorRegistry registry, Map<String, String> more) {
        Map<String, String> all = new java.util.HashMap<>(CORE);
        all.putAll(more);
        return ConfigSource.load(registry, null, Map.of(), all).config();
    }

    @Test
    void pluginKeysAreParsedValidatedAndHandedToThePlugin() {
        ProcessorRegistry registry = ProcessorRegistry.standard().register(new DemoPlugin());
        ConsumerConfig config = load(registry, Map.of("processor", "demo", "demo.windowSeconds", "30"));
        assertThat(registry.get(config.processor())).isInstanceOf(DemoPlugin.class);
        assertThat(config.values().get(WINDOW)).isEqualTo(30);
        assertThatThrownBy(() -> load(registry, Map.of("demo.windowSeconds", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("demo.windowSeconds");
        assertThat(ConfigSource.definition(registry).contains("demo.windowSeconds")).isTrue();
    }

    @Test
    void theDefaultIsTheArchiverAndUnknownNamesAreRejected() {
        ProcessorRegistry registry = ProcessorRegistry.standard().register(new DemoPlugin());
        assertThat(load(registry, Map.of()).processor()).isEqualTo("s3-archiver");
        assertThatThrownBy(() -> load(registry, Map.of("processor", "nope")))
                .hasMessageContaining("processor").hasMessageContaining("s3-archiver, referrer-counter, record-logger, demo");
    }

    @Test
    void theReferrerCounterAndTheRecordLoggerAreShipped() {
        ProcessorRegistry registry = ProcessorRegistry.standard();
        assertThat(registry.names()).containsExactly("s3-archiver", "referrer-counter", "record-logger");
        assertThat(load(registry, Map.of("processor", "record-logger")).processor()).isEqualTo("record-logger");
        ConsumerConfig config = load(registry, Map.of("processor", "referrer-counter", "countsWindow", "30s"));
        assertThat(config.processor()).isEqualTo("referrer-counter");
        assertThatThrownBy(() -> load(registry, Map.of("processor", "referrer-counter", "countsWindow", "1500ms")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("countsWindow");
    }
}
