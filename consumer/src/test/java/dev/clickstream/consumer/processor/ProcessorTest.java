package dev.clickstream.consumer.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clickstream.common.config.ConfigException;
import dev.clickstream.consumer.config.ConfigSource;
import dev.clickstream.consumer.config.ConsumerConfig;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The processor key picks one of the built-in processors, and every processor's keys are part of the configuration. */
class ProcessorTest {
    private static final Map<String, String> CORE = Map.of("streamName", "s", "applicationName", "app",
            "regionName", "us-east-1");

    private static ConsumerConfig load(Map<String, String> more) {
        Map<String, String> all = new HashMap<>(CORE);
        all.putAll(more);
        return ConfigSource.load(null, Map.of(), all).config();
    }

    @Test
    void theKeyNamesOneOfTheBuiltInProcessors() {
        assertThat(Processor.names(", ")).isEqualTo("s3-archiver, referrer-counter, record-logger");
        for (Processor p : Processor.values()) {
            assertThat(Processor.named(p.toString())).isSameAs(p);
            assertThat(load(Map.of("processor", p.toString())).processing().processor()).isSameAs(p);
        }
        assertThatThrownBy(() -> Processor.named("S3_ARCHIVER")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyProcessorsKeysAreDefinedAndValidatedWhicheverIsChosen() {
        assertThat(ConsumerConfig.definition().contains("countsWindow")).isTrue();
        assertThat(ConsumerConfig.definition().contains("s3.bucket")).isTrue();
        ConsumerConfig counter = load(Map.of("processor", "referrer-counter", "countsWindow", "30s"));
        assertThat(counter.values().get(dev.clickstream.counter.ReferrerCounter.COUNTS_WINDOW).toSeconds()).isEqualTo(30);
        assertThatThrownBy(() -> load(Map.of("processor", "referrer-counter", "countsWindow", "1500ms")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("countsWindow");
        assertThatThrownBy(() -> load(Map.of("countsWindow", "1500ms")))
                .as("checked for the archiver too: one definition").isInstanceOf(ConfigException.class);
    }

    @Test
    void theArchiversReadsOfAQuietShardBackOffOnlyOnceItsBufferCameDue() {
        ConsumerConfig archiver = load(Map.of("s3.bucket", "bucket", "maxBufferAgeMillis", "5000"));
        assertThat(Processor.S3_ARCHIVER.quietReadHold(archiver.values())).isEqualTo(java.time.Duration.ofSeconds(5));
        ConsumerConfig counter = load(Map.of("processor", "referrer-counter"));
        assertThat(Processor.REFERRER_COUNTER.quietReadHold(counter.values())).isZero();
        assertThat(Processor.RECORD_LOGGER.quietReadHold(counter.values())).isZero();
    }
}
