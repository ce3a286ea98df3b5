package dev.clickstream.producer.events;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.SplittableRandom;

/**
 * The basic sample's records: {@code {"time": ISO-8601, "sensor": "sensor-N", "reading": N}},
 * sensor and reading picked uniformly (the same seed gives the same sensors and readings; the
 * time is the clock's). The sensor is the partition key, so one sensor's readings stay in order
 * on one shard. Not thread-safe.
 */
public final class SensorEventGenerator {
    public static final int SENSORS = 10;
    public static final int MAX_READING = 100;

    /** One reading: its partition key and its JSON. */
    public record SensorEvent(String sensor, byte[] json) {}

    private final SplittableRandom random;
    private final Clock clock;

    public SensorEventGenerator(long seed, Clock clock) {
        this.random = new SplittableRandom(seed);
        this.clock = clock;
    }

    public SensorEvent next() {
        String sensor = "sensor-" + random.nextInt(SENSORS);
        int reading = random.nextInt(MAX_READING);
        // the names and values need no escaping, so the JSON is written directly
        String json = "{\"time\":\"" + clock.instant() + "\",\"sensor\":\"" + sensor + "\",\"reading\":" + reading + "}";
        return new SensorEvent(sensor, json.getBytes(StandardCharsets.UTF_8));
    }
}
