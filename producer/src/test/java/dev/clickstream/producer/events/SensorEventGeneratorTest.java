package dev.clickstream.producer.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SensorEventGeneratorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T13:00:00.123Z"), ZoneOffset.UTC);

    @Test
    void aReadingIsTimeSensorAndReadingWithTheSensorAsPartitionKey() throws Exception {
        SensorEventGenerator.SensorEvent event = new SensorEventGenerator(1, CLOCK).next();
        JsonNode json = JSON.readTree(event.json());
        assertThat(json.get("time").asText()).isEqualTo("2026-12-02T13:00:00.123Z");
        assertThat(json.get("sensor").asText()).isEqualTo(event.sensor()).matches("sensor-\\d");
        assertThat(json.get("reading").isInt()).isTrue();
        assertThat(json.size()).isEqualTo(3);
    }

    @Test
    void sameSeedSameReadingsAndEverySensorShowsUp() {
        SensorEventGenerator a = new SensorEventGenerator(5, CLOCK);
        SensorEventGenerator b = new SensorEventGenerator(5, CLOCK);
        java.util.Set<String> sensors = new java.util.HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            SensorEventGenerator.SensorEvent x = a.next();
            assertThat(x.json()).isEqualTo(b.next().json());
            sensors.add(x.sensor());
        }
        assertThat(sensors).hasSize(SensorEventGenerator.SENSORS);
    }
}
