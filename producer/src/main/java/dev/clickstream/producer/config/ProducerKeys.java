package dev.clickstream.producer.config;

import dev.clickstream.common.aws.CredentialsProviders;
import dev.clickstream.common.aws.Regions;
import dev.clickstream.common.config.ConfigDef;
import dev.clickstream.common.aws.AwsNames;
import dev.clickstream.common.config.ConfigKey;
import dev.clickstream.producer.events.EventType;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The producer's configuration keys. The first six keep the original sample's names and
 * defaults ({@code producer/config.js}); the rest bound what the original left unbounded.
 */
public final class ProducerKeys {
    /** PutRecords accepts at most 500 entries per call. */
    public static final int MAX_BATCH = 500;


    public static final ConfigKey<String> REGION = ConfigKey.string("region", "us-east-1")
            .check(Regions::isValid, "be an AWS region name such as us-east-1")
            .doc("AWS region.");
    public static final ConfigKey<String> STREAM = ConfigKey.string("stream", "kclnodejsclickstreamsample")
            .check(AwsNames::isStreamName, AwsNames.STREAM_RULE)
            .label("NAME")
            .doc("Kinesis stream; created if missing.");
    public static final ConfigKey<Integer> SHARDS = ConfigKey.integer("shards", 2)
            .check(n -> n >= 1 && n <= 10_000, "be between 1 and 10000")
            .doc("Shard count when the stream is created; also the number of resources (resource-0 ...).");
    public static final ConfigKey<Integer> RECORDS_PER_BATCH = ConfigKey.integer("recordsToWritePerBatch", 5)
            .check(n -> n >= 1 && n <= MAX_BATCH, "be between 1 and " + MAX_BATCH)
            .doc("Records per PutRecords call.");
    public static final ConfigKey<Integer> DESCRIBE_INTERVAL_SECONDS =
            ConfigKey.integer("waitBetweenDescribeCallsInSeconds", 5)
                    .check(n -> n >= 1 && n <= 3600, "be between 1 and 3600")
                    .doc("Seconds between status checks while the stream is not ACTIVE.");
    public static final ConfigKey<Integer> PUT_RECORDS_TPS = ConfigKey.integer("putRecordsTps", 20)
            .check(n -> n >= 0 && n <= 100_000, "be between 0 and 100000")
            .doc("PutRecords calls per second, evenly spaced; 0 = as fast as the stream accepts.");
    public static final ConfigKey<Optional<URI>> KINESIS_ENDPOINT = ConfigKey.endpoint("kinesisEndpoint")
            .doc("Kinesis endpoint URL; empty = AWS.");
    public static final ConfigKey<String> CREDENTIALS =
            CredentialsProviders.configKey();
    public static final ConfigKey<EventType> EVENT_TYPE = ConfigKey.enumeration("eventType", EventType.class,
                    EventType.CLICK)
            .doc("CLICK: the click-stream sample's events; SENSOR: the basic sample's "
                    + "{time, sensor, reading}, partition key = the sensor.");
    public static final ConfigKey<Integer> MAX_IN_FLIGHT = ConfigKey.integer("maxInFlight", 4)
            .check(n -> n >= 1 && n <= 256, "be between 1 and 256")
            .doc("Most PutRecords calls outstanding at once (retries included).");
    public static final ConfigKey<Integer> MAX_RETRIES = ConfigKey.integer("maxRetries", 10)
            .check(n -> n >= 0 && n <= 100, "be between 0 and 100")
            .doc("Resends of a failed record (or call) before it counts as failed.");
    public static final ConfigKey<Duration> READY_TIMEOUT = ConfigKey.duration("readyTimeout", Duration.ofMinutes(5))
            .check(d -> !d.isZero(), "be more than 0")
            .doc("Longest wait for the stream to become ACTIVE.");
    public static final ConfigKey<Duration> PROGRESS_INTERVAL =
            ConfigKey.duration("progressInterval", Duration.ofSeconds(5))
                    .doc("Time between progress lines; 0 = none.");
    public static final ConfigKey<Duration> SHUTDOWN_GRACE = ConfigKey.duration("shutdownGrace", Duration.ofSeconds(10))
            .doc("Longest wait for calls in flight after Ctrl-C or SIGTERM.");

    /** A Kinesis record's data plus partition key may not exceed 1 MiB. */
    public static final int MAX_RECORD_BYTES = 1024 * 1024;
    public static final ConfigKey<Boolean> AGGREGATION = ConfigKey.bool("aggregation", false)
            .doc("Pack the records of each call into KPL-format aggregated records, one or more per shard "
                    + "(the KCL de-aggregates them); raise recordsToWritePerBatch to pack more.");
    public static final ConfigKey<Integer> AGGREGATION_MAX_BYTES = ConfigKey.integer("aggregationMaxBytes", 51_200)
            .check(n -> n >= 256 && n <= MAX_RECORD_BYTES, "be between 256 and " + MAX_RECORD_BYTES)
            .doc("Largest aggregated record, in bytes (KPL's default).");
    public static final ConfigKey<Long> AGGREGATION_MAX_COUNT = ConfigKey.longInteger("aggregationMaxCount", 4_294_967_295L)
            .check(n -> n >= 1 && n <= 4_294_967_295L, "be between 1 and 4294967295")
            .doc("Most user records in one aggregated record (KPL's default).");

    public static final ConfigDef DEF = ConfigDef.of(REGION, STREAM, SHARDS, RECORDS_PER_BATCH,
            DESCRIBE_INTERVAL_SECONDS, PUT_RECORDS_TPS, KINESIS_ENDPOINT, CREDENTIALS, EVENT_TYPE, MAX_IN_FLIGHT, MAX_RETRIES,
            READY_TIMEOUT, PROGRESS_INTERVAL, SHUTDOWN_GRACE, AGGREGATION, AGGREGATION_MAX_BYTES,
            AGGREGATION_MAX_COUNT);

    private ProducerKeys() {}

    /** Validates early, so a typo is a start-up error naming the key rather than a failure at the first call. */
}
