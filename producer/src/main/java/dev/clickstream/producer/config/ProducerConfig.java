package dev.clickstream.producer.config;

import dev.clickstream.common.aws.AwsSettings;
import dev.clickstream.common.config.ConfigValues;
import dev.clickstream.producer.events.EventType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Everything one producer run needs, validated and immutable, built once at start-up.
 *
 * @param count      stop after this many records are acknowledged (or finally failed); empty = no limit
 * @param duration   stop generating after this long; empty = no limit
 * @param seed       seed of the event generator; empty = a random one (logged)
 * @param aggregation KPL aggregation settings; empty = off
 * @param values     every key's parsed value, for the start-up log
 */
public record ProducerConfig(
        AwsSettings aws,
        String credentialsSpec,
        String stream,
        int shards,
        int recordsPerBatch,
        Duration describeInterval,
        int putRecordsTps,
        EventType eventType,
        int maxInFlight,
        int maxRetries,
        Duration readyTimeout,
        Duration progressInterval,
        Duration shutdownGrace,
        OptionalLong count,
        Optional<Duration> duration,
        OptionalLong seed,
        Optional<Aggregation> aggregation,
        ConfigValues values) {

    /** Limits of one aggregated record. */
    public record Aggregation(int maxBytes, long maxCount) {}

    public ProducerConfig {
        Objects.requireNonNull(aws, "aws");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(count, "count");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(aggregation, "aggregation");
        Objects.requireNonNull(values, "values");
    }

    public static ProducerConfig from(ConfigValues values, OptionalLong count, Optional<Duration> duration,
                                      OptionalLong seed) {
        String credentials = values.get(ProducerKeys.CREDENTIALS);
        return new ProducerConfig(
                AwsSettings.of(values.get(ProducerKeys.REGION), values.get(ProducerKeys.KINESIS_ENDPOINT), credentials),
                credentials,
                values.get(ProducerKeys.STREAM),
                values.get(ProducerKeys.SHARDS),
                values.get(ProducerKeys.RECORDS_PER_BATCH),
                Duration.ofSeconds(values.get(ProducerKeys.DESCRIBE_INTERVAL_SECONDS)),
                values.get(ProducerKeys.PUT_RECORDS_TPS),
                values.get(ProducerKeys.EVENT_TYPE),
                values.get(ProducerKeys.MAX_IN_FLIGHT),
                values.get(ProducerKeys.MAX_RETRIES),
                values.get(ProducerKeys.READY_TIMEOUT),
                values.get(ProducerKeys.PROGRESS_INTERVAL),
                values.get(ProducerKeys.SHUTDOWN_GRACE),
                count, duration, seed,
                values.get(ProducerKeys.AGGREGATION)
                        ? Optional.of(new Aggregation(values.get(ProducerKeys.AGGREGATION_MAX_BYTES),
                                values.get(ProducerKeys.AGGREGATION_MAX_COUNT)))
                        : Optional.empty(),
                values);
    }

    /** For the start-up log: every key's value (the credentials' arguments masked), then the run's limits. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>(values.describe());
        lines.add("count = " + (count.isPresent() ? count.getAsLong() : "unlimited")
                + ", duration = " + duration.map(Duration::toString).orElse("unlimited"));
        return lines;
    }

    @Override
    public String toString() {
        return String.join(", ", describe());
    }
}
