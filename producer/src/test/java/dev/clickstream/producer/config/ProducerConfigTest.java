package dev.clickstream.producer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clickstream.common.config.ConfigException;
import dev.clickstream.common.config.ConfigLoader;
import dev.clickstream.producer.events.EventType;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProducerConfigTest {

    @Test
    void defaultsAreTheOriginalSamples() {
        ProducerConfig c = load(ConfigLoader.of(ProducerKeys.DEF));
        assertThat(c.aws().region().id()).isEqualTo("us-east-1");
        assertThat(c.stream()).isEqualTo("kclnodejsclickstreamsample");
        assertThat(c.shards()).isEqualTo(2);
        assertThat(c.recordsPerBatch()).isEqualTo(5);
        assertThat(c.describeInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.putRecordsTps()).isEqualTo(20);
        assertThat(c.aws().endpoint()).isEmpty();
        assertThat(c.credentialsSpec()).isEqualTo("DefaultCredentialsProvider");
        assertThat(c.readyTimeout()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void shippedConfigsLoad() {
        ProducerConfig aws = load(ConfigLoader.of(ProducerKeys.DEF).file(Path.of("../config/producer.properties")));
        assertThat(aws.aws().endpoint()).isEmpty();
        assertThat(aws.putRecordsTps()).isEqualTo(20);
        ProducerConfig local = load(ConfigLoader.of(ProducerKeys.DEF)
                .file(Path.of("../config/local/producer.properties")));
        assertThat(local.aws().endpoint()).contains(URI.create("http://127.0.0.1:4568"));
        assertThat(local.credentialsSpec()).startsWith("StaticCredentialsProvider|");
        assertThat(local.eventType()).isEqualTo(EventType.CLICK);
        ProducerConfig basic = load(ConfigLoader.of(ProducerKeys.DEF)
                .file(Path.of("../config/basic/producer.properties")));
        assertThat(basic.eventType()).isEqualTo(EventType.SENSOR);
        assertThat(basic.stream()).isEqualTo("kclnodejssample");
    }

    @Test
    void batchSizeMustBeOneToFiveHundred() {
        assertThat(load(overrides("recordsToWritePerBatch", "500")).recordsPerBatch()).isEqualTo(500);
        assertThatThrownBy(() -> load(overrides("recordsToWritePerBatch", "501")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("recordsToWritePerBatch: must be between 1 and 500");
        assertThatThrownBy(() -> load(overrides("recordsToWritePerBatch", "0")))
                .hasMessageStartingWith("recordsToWritePerBatch:");
    }

    @Test
    void aggregationIsOffByDefaultWithTheKplsLimitsAndItsMaxBytesIsAtMostOneMebibyte() {
        assertThat(load(ConfigLoader.of(ProducerKeys.DEF)).aggregation()).isEmpty();
        assertThat(load(overrides("aggregation", "true")).aggregation())
                .contains(new ProducerConfig.Aggregation(51_200, 4_294_967_295L));
        assertThat(load(overrides("aggregationMaxBytes", "1048576")).aggregation()).as("ignored while off").isEmpty();
        assertThatThrownBy(() -> load(overrides("aggregationMaxBytes", "1048577")))
                .hasMessageStartingWith("aggregationMaxBytes: must be between 256 and 1048576");
        assertThatThrownBy(() -> load(overrides("aggregationMaxCount", "0"))).hasMessageStartingWith("aggregationMaxCount:");
        assertThatThrownBy(() -> load(overrides("aggregation", "maybe"))).hasMessageStartingWith("aggregation:");
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> load(overrides("putRecordsTps", "fast"))).hasMessageStartingWith("putRecordsTps: must be a whole number");
        assertThatThrownBy(() -> load(overrides("putRecordsTps", "-1"))).hasMessageStartingWith("putRecordsTps:");
        assertThatThrownBy(() -> load(overrides("shards", "0"))).hasMessageStartingWith("shards:");
        assertThatThrownBy(() -> load(overrides("stream", "no spaces"))).hasMessageStartingWith("stream:");
        assertThatThrownBy(() -> load(overrides("region", "mars"))).hasMessageStartingWith("region:");
        assertThatThrownBy(() -> load(overrides("kinesisEndpoint", "ftp://x"))).hasMessageStartingWith("kinesisEndpoint:");
        assertThatThrownBy(() -> load(overrides("readyTimeout", "0"))).hasMessageStartingWith("readyTimeout:");
    }

    @Test
    void aBadCredentialsSpecNeverEchoesTheSecret() {
        assertThatThrownBy(() -> load(overrides("AwsCredentialsProvider", "StaticCredentialsProvider|AKIA|s3cr3t|x")))
                .hasMessageStartingWith("AwsCredentialsProvider:").hasMessageNotContaining("s3cr3t");
    }

    @Test
    void describeMasksCredentials() {
        ProducerConfig c = load(overrides("AwsCredentialsProvider", "StaticCredentialsProvider|AKIA|s3cr3t"));
        assertThat(c.toString()).doesNotContain("s3cr3t").doesNotContain("AKIA").contains("StaticCredentialsProvider|****");
    }

    @Test
    void environmentOverridesFileAndOptionsOverrideEnvironment() {
        ConfigLoader loader = ConfigLoader.of(ProducerKeys.DEF)
                .file(Path.of("../config/producer.properties"))
                .environment(Map.of("CLICKSTREAM_PUT_RECORDS_TPS", "7", "CLICKSTREAM_SHARDS", "3"))
                .overrides(Map.of("shards", "4"));
        ProducerConfig c = load(loader);
        assertThat(c.putRecordsTps()).isEqualTo(7);
        assertThat(c.shards()).isEqualTo(4);
    }

    private static ConfigLoader overrides(String key, String value) {
        return ConfigLoader.of(ProducerKeys.DEF).overrides(Map.of(key, value));
    }

    private static ProducerConfig load(ConfigLoader loader) {
        return ProducerConfig.from(loader.load().values(), OptionalLong.empty(), Optional.empty(), OptionalLong.empty());
    }
}
