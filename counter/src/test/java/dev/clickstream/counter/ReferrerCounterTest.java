package dev.clickstream.counter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clickstream.common.config.ConfigException;
import dev.clickstream.common.counts.CountsTable;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReferrerCounterTest {
    @Test
    void defaultsMatchTheOriginal() {
        CounterSettings s = CounterSettings.from(ReferrerCounter.keys().parse(Map.of()));
        assertThat(s.table()).isEqualTo(CountsTable.DEFAULT_NAME);
        assertThat(s.window()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.interval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.ttl()).isEqualTo(Duration.ofDays(1));
        assertThat(s.checkpointInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.createTableIfNotPresent()).isTrue();
        assertThat(s.topN()).isEqualTo(50);
        assertThat(s.host()).isNotBlank();
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> ReferrerCounter.keys().parse(Map.of("countsWindow", "1500ms")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("countsWindow: must be a whole number of seconds");
        assertThatThrownBy(() -> ReferrerCounter.keys().parse(Map.of("countsInterval", "10ms")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("countsInterval:");
        assertThatThrownBy(() -> ReferrerCounter.keys().parse(Map.of("countsTopN", "0")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("countsTopN:");
    }
}
