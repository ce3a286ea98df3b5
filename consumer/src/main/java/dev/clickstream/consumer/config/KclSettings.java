package dev.clickstream.consumer.config;

import dev.clickstream.common.config.ConfigException;
import dev.clickstream.common.config.ConfigKey;
import dev.clickstream.common.config.ConfigValues;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.metrics.MetricsLevel;

/**
 * How the KCL runs: where new shards start, leases, reads, task back-off and metrics; named and
 * defaulted as in the KCL's multi-language {@code sample.properties}.
 */
public record KclSettings(
        InitialPositionInStreamExtended initialPosition,
        RetrievalMode retrievalMode,
        long failoverTimeMillis,
        long shardSyncIntervalMillis,
        boolean waitOnEmptyLeaseTable,
        boolean cleanupLeasesUponShardCompletion,
        int maxRecords,
        long idleTimeBetweenReadsInMillis,
        long maxIdleTimeBetweenReadsInMillis,
        boolean callProcessRecordsEvenForEmptyRecordList,
        long parentShardPollIntervalMillis,
        long shardConsumerDispatchPollIntervalMillis,
        long taskBackoffTimeMillis,
        MetricsLevel metricsLevel,
        long metricsBufferTimeMillis,
        int metricsMaxQueueSize) {

    public static final ConfigKey<InitialPositionInStream> INITIAL_POSITION = ConfigKey.enumeration(
            "initialPositionInStream", InitialPositionInStream.class, InitialPositionInStream.LATEST)
            .doc("Where a shard with no checkpoint starts.");
    public static final ConfigKey<Instant> INITIAL_TIMESTAMP = ConfigKey.of(
                    "initialPositionInStreamExtended", KclSettings::parseInstant, null, "TIMESTAMP")
            .doc("The timestamp for AT_TIMESTAMP: ISO-8601 (2024-05-01T12:00:00Z) or epoch milliseconds.");
    public static final ConfigKey<Long> FAILOVER_TIME = millis("failoverTimeMillis", 10_000L)
            .doc("Lease duration: a lease not renewed for this long is taken by another worker.");
    public static final ConfigKey<Long> SHARD_SYNC_INTERVAL = millis("shardSyncIntervalMillis", 60_000L)
            .doc("How often the leader syncs shards and leases; the first start on an empty lease table also "
                    + "waits this long after its first sync.");
    public static final ConfigKey<Boolean> WAIT_ON_EMPTY_LEASE_TABLE = ConfigKey.bool("waitOnEmptyLeaseTable", false)
            .doc("Keep the KCL's random 1-30 s wait before the first shard sync on an empty lease table (meant for "
                    + "many workers starting at once); false syncs at once.");
    public static final ConfigKey<Integer> MAX_RECORDS = ConfigKey.integer("maxRecords", 10_000)
            .check(n -> n >= 1 && n <= 10_000, "be between 1 and 10000")
            .doc("Records per GetRecords call (polling).");
    public static final ConfigKey<Long> IDLE_TIME = millis("idleTimeBetweenReadsInMillis", 1_000L)
            .doc("Pause before reading a shard again once it is caught up or its read failed; a shard that is behind is read again at once, at most 5 times a second (polling).");
    public static final ConfigKey<Long> MAX_IDLE_TIME = millis("maxIdleTimeBetweenReadsInMillis", 0L)
            .doc("The longest pause before reading again a quiet shard: after a few empty reads the pause doubles "
                    + "from idleTimeBetweenReadsInMillis up to this, and drops back at the first record. A first record "
                    + "after quiet is read at most this late. 0 (or less than idleTimeBetweenReadsInMillis): no growth "
                    + "(polling).");
    public static final ConfigKey<Boolean> CALL_EMPTY = ConfigKey.bool("callProcessRecordsEvenForEmptyRecordList", false)
            .doc("Call the processor when a read returned no records (forced on by maxBufferAgeMillis > 0).");
    public static final ConfigKey<Long> PARENT_POLL = millis("parentShardPollIntervalMillis", 10_000L)
            .doc("How often a child shard checks whether its parents are finished.");
    public static final ConfigKey<Long> DISPATCH_POLL = millis("shardConsumerDispatchPollIntervalMillis", 1_000L)
            .doc("How often the KCL's main loop checks its shard consumers.");
    public static final ConfigKey<Boolean> CLEANUP_LEASES = ConfigKey.bool("cleanupLeasesUponShardCompletion", true)
            .doc("Delete the leases of finished parent shards.");
    public static final ConfigKey<Long> TASK_BACKOFF = millis("taskBackoffTimeMillis", 500L)
            .doc("KCL back-off after a failed task.");
    public static final ConfigKey<MetricsLevel> METRICS_LEVEL = ConfigKey.enumeration("metricsLevel",
                    MetricsLevel.class, MetricsLevel.DETAILED)
            .doc("KCL CloudWatch metrics; NONE sends none (use it with emulators).");
    public static final ConfigKey<Long> METRICS_BUFFER_TIME = millis("metricsBufferTimeMillis", 10_000L)
            .doc("How long the KCL buffers metrics before sending them.");
    public static final ConfigKey<Integer> METRICS_MAX_QUEUE = ConfigKey.integer("metricsMaxQueueSize", 10_000)
            .check(n -> n >= 1, "be at least 1")
            .doc("Most metrics the KCL buffers.");
    public static final ConfigKey<RetrievalMode> RETRIEVAL_MODE = ConfigKey.enumeration("retrievalMode",
                    RetrievalMode.class, RetrievalMode.POLLING)
            .doc("POLLING (GetRecords: every application shares each shard's 5 reads/s and 2 MiB/s) or FANOUT (enhanced "
                    + "fan-out: a stream consumer named applicationName gets its own 2 MiB/s per shard, pushed over HTTP/2; "
                    + "charged extra on AWS). Both work on AWS and on the local stack: docs/fan-out.md.");

    /** The keys of where new shards start, in --help order. */
    static final List<ConfigKey<?>> POSITION_KEYS = List.of(INITIAL_POSITION, INITIAL_TIMESTAMP);
    /** The other KCL keys, in --help order. */
    static final List<ConfigKey<?>> RUN_KEYS = List.of(FAILOVER_TIME, SHARD_SYNC_INTERVAL, WAIT_ON_EMPTY_LEASE_TABLE,
            MAX_RECORDS, IDLE_TIME, MAX_IDLE_TIME, CALL_EMPTY, PARENT_POLL, DISPATCH_POLL, CLEANUP_LEASES, TASK_BACKOFF, METRICS_LEVEL,
            METRICS_BUFFER_TIME, METRICS_MAX_QUEUE);

    /** Builds the settings from parsed values; the AT_TIMESTAMP rule is checked here. */
    static KclSettings from(ConfigValues v) {
        InitialPositionInStream position = v.get(INITIAL_POSITION);
        InitialPositionInStreamExtended initial;
        if (position == InitialPositionInStream.AT_TIMESTAMP) {
            Instant at = v.get(INITIAL_TIMESTAMP);
            if (at == null) {
                throw new ConfigException(INITIAL_TIMESTAMP.name(),
                        "is required when initialPositionInStream is AT_TIMESTAMP");
            }
            initial = InitialPositionInStreamExtended.newInitialPositionAtTimestamp(Date.from(at));
        } else {
            initial = InitialPositionInStreamExtended.newInitialPosition(position);
        }
        return new KclSettings(initial, v.get(RETRIEVAL_MODE), v.get(FAILOVER_TIME), v.get(SHARD_SYNC_INTERVAL),
                v.get(WAIT_ON_EMPTY_LEASE_TABLE), v.get(CLEANUP_LEASES), v.get(MAX_RECORDS), v.get(IDLE_TIME),
                v.get(MAX_IDLE_TIME), v.get(CALL_EMPTY), v.get(PARENT_POLL), v.get(DISPATCH_POLL), v.get(TASK_BACKOFF),
                v.get(METRICS_LEVEL), v.get(METRICS_BUFFER_TIME), v.get(METRICS_MAX_QUEUE));
    }

    static ConfigKey<Long> millis(String name, long dflt) {
        return ConfigKey.longInteger(name, dflt).check(n -> n >= 0, "be 0 or more");
    }

    static Instant parseInstant(String text) {
        if (text.chars().allMatch(Character::isDigit)) {
            return Instant.ofEpochMilli(Long.parseLong(text));
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be an ISO-8601 instant such as 2024-05-01T12:00:00Z or epoch milliseconds");
        }
    }
}
