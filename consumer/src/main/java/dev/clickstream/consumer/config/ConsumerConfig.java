package dev.clickstream.consumer.config;

import dev.clickstream.common.aws.AwsSettings;
import dev.clickstream.common.aws.CredentialsProviders;
import dev.clickstream.common.aws.Regions;
import dev.clickstream.common.config.ConfigDef;
import dev.clickstream.common.config.ConfigException;
import dev.clickstream.common.config.ConfigKey;
import dev.clickstream.common.config.ConfigValues;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.metrics.MetricsLevel;

/**
 * The consumer's core settings: the KCL keys, named and defaulted as in the KCL's multi-language
 * {@code sample.properties}, plus the endpoints and the choice of processor plugin. Plugin keys
 * (the archiver's {@code s3.*}, buffer sizes…) stay in {@link #values()} for the plugin to read.
 */
public record ConsumerConfig(
        String streamName,
        String applicationName,
        Region region,
        String workerId,
        InitialPositionInStreamExtended initialPosition,
        String credentialsSpec,
        AwsCredentialsProvider credentials,
        long failoverTimeMillis,
        long shardSyncIntervalMillis,
        boolean waitOnEmptyLeaseTable,
        int maxRecords,
        long idleTimeBetweenReadsInMillis,
        boolean callProcessRecordsEvenForEmptyRecordList,
        long parentShardPollIntervalMillis,
        long shardConsumerDispatchPollIntervalMillis,
        boolean cleanupLeasesUponShardCompletion,
        long taskBackoffTimeMillis,
        MetricsLevel metricsLevel,
        long metricsBufferTimeMillis,
        int metricsMaxQueueSize,
        Optional<URI> kinesisEndpoint,
        Optional<URI> dynamoDbEndpoint,
        Optional<URI> cloudWatchEndpoint,
        Optional<URI> s3Endpoint,
        Region s3Region,
        RetrievalMode retrievalMode,
        String processor,
        long shutdownTimeoutMillis,
        long statusIntervalMillis,
        ConfigValues values) {

    public static final ConfigKey<String> STREAM_NAME = ConfigKey.string("streamName", null).required()
            .doc("The Kinesis stream to read.");
    public static final ConfigKey<String> APPLICATION_NAME = ConfigKey.string("applicationName", null).required()
            .doc("KCL application name; also the name of the DynamoDB lease table. Workers with the same name share the shards.");
    public static final ConfigKey<String> REGION_NAME = ConfigKey.string("regionName", null).required()
            .check(Regions::isValid, "be an AWS region name such as us-east-1")
            .doc("AWS region of the stream, the lease table and (unless s3.region is set) the bucket.");
    public static final ConfigKey<String> WORKER_ID = ConfigKey.string("workerId", "")
            .doc("This worker's id in the lease table; empty means host name plus a random UUID.");
    public static final ConfigKey<InitialPositionInStream> INITIAL_POSITION = ConfigKey.enumeration(
            "initialPositionInStream", InitialPositionInStream.class, InitialPositionInStream.LATEST)
            .doc("Where a shard with no checkpoint starts.");
    public static final ConfigKey<Instant> INITIAL_TIMESTAMP = ConfigKey.of(
                    "initialPositionInStreamExtended", ConsumerConfig::parseInstant, null, "TIMESTAMP")
            .doc("The timestamp for AT_TIMESTAMP: ISO-8601 (2024-05-01T12:00:00Z) or epoch milliseconds.");
    public static final ConfigKey<String> CREDENTIALS = CredentialsProviders.configKey()
            .doc("Credentials provider; AWSCredentialsProvider = DefaultAWSCredentialsProviderChain (KCL 1.x) is accepted.");
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
            .doc("Pause between GetRecords calls of one shard (polling).");
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
    public static final ConfigKey<Optional<URI>> KINESIS_ENDPOINT = ConfigKey.endpoint("kinesisEndpoint")
            .doc("Kinesis endpoint other than AWS (the local stack: http://127.0.0.1:4568).");
    public static final ConfigKey<Optional<URI>> DYNAMODB_ENDPOINT = ConfigKey.endpoint("dynamoDBEndpoint")
            .doc("DynamoDB endpoint other than AWS (the local stack: http://127.0.0.1:8000).");
    public static final ConfigKey<Optional<URI>> CLOUDWATCH_ENDPOINT = ConfigKey.endpoint("cloudWatchEndpoint")
            .doc("CloudWatch endpoint other than AWS, for KCL metrics.");
    public static final ConfigKey<Optional<URI>> S3_ENDPOINT = ConfigKey.endpoint("s3Endpoint")
            .doc("S3 endpoint other than AWS (the local stack: http://127.0.0.1:9000); path-style access is used.");
    public static final ConfigKey<String> S3_REGION = ConfigKey.string("s3.region", "")
            .check(text -> Regions.isValid(text), "be an AWS region name such as us-east-1")
            .doc("Region of the bucket; empty means regionName.");
    public static final ConfigKey<RetrievalMode> RETRIEVAL_MODE = ConfigKey.enumeration("retrievalMode",
                    RetrievalMode.class, RetrievalMode.POLLING)
            .doc("POLLING (GetRecords) or FANOUT (enhanced fan-out, AWS only).");
    public static final ConfigKey<Long> SHUTDOWN_TIMEOUT = millis("shutdownTimeoutMillis", 30_000L)
            .doc("On SIGTERM/Ctrl-C, how long the graceful shutdown (upload and checkpoint) may take.");
    public static final ConfigKey<Long> STATUS_INTERVAL = millis("statusIntervalMillis", 5_000L)
            .doc("How often the status line is printed; 0 prints none.");

    /** The KCL 1.x spelling that the original sample's properties file uses. */
    public static final Map<String, String> ALIASES = Map.of("AWSCredentialsProvider", CREDENTIALS.name());

    /** The core keys, without the processor key (its allowed values depend on the registry). */
    public static ConfigDef coreKeys() {
        return ConfigDef.of(STREAM_NAME, APPLICATION_NAME, REGION_NAME, WORKER_ID, INITIAL_POSITION, INITIAL_TIMESTAMP,
                CREDENTIALS, FAILOVER_TIME, SHARD_SYNC_INTERVAL, WAIT_ON_EMPTY_LEASE_TABLE, MAX_RECORDS, IDLE_TIME, CALL_EMPTY, PARENT_POLL,
                DISPATCH_POLL, CLEANUP_LEASES, TASK_BACKOFF, METRICS_LEVEL, METRICS_BUFFER_TIME, METRICS_MAX_QUEUE,
                KINESIS_ENDPOINT, DYNAMODB_ENDPOINT, CLOUDWATCH_ENDPOINT, S3_ENDPOINT, S3_REGION, RETRIEVAL_MODE,
                SHUTDOWN_TIMEOUT, STATUS_INTERVAL);
    }

    /** Builds the record from parsed values; cross-key rules are checked here. */
    public static ConsumerConfig from(ConfigValues v, ConfigKey<String> processorKey) {
        InitialPositionInStream position = v.get(INITIAL_POSITION);
        Optional<Instant> timestamp = Optional.ofNullable(v.get(INITIAL_TIMESTAMP));
        InitialPositionInStreamExtended initial;
        if (position == InitialPositionInStream.AT_TIMESTAMP) {
            Instant at = timestamp.orElseThrow(() -> new ConfigException(INITIAL_TIMESTAMP.name(),
                    "is required when initialPositionInStream is AT_TIMESTAMP"));
            initial = InitialPositionInStreamExtended.newInitialPositionAtTimestamp(java.util.Date.from(at));
        } else {
            initial = InitialPositionInStreamExtended.newInitialPosition(position);
        }
        Region region = Region.of(v.get(REGION_NAME));
        String s3Region = v.get(S3_REGION);
        String workerId = v.get(WORKER_ID).isEmpty() ? defaultWorkerId() : v.get(WORKER_ID);
        return new ConsumerConfig(v.get(STREAM_NAME), v.get(APPLICATION_NAME), region, workerId, initial,
                v.get(CREDENTIALS), CredentialsProviders.parse(v.get(CREDENTIALS)),
                v.get(FAILOVER_TIME), v.get(SHARD_SYNC_INTERVAL), v.get(WAIT_ON_EMPTY_LEASE_TABLE), v.get(MAX_RECORDS), v.get(IDLE_TIME),
                v.get(CALL_EMPTY), v.get(PARENT_POLL), v.get(DISPATCH_POLL), v.get(CLEANUP_LEASES),
                v.get(TASK_BACKOFF), v.get(METRICS_LEVEL), v.get(METRICS_BUFFER_TIME), v.get(METRICS_MAX_QUEUE),
                v.get(KINESIS_ENDPOINT), v.get(DYNAMODB_ENDPOINT), v.get(CLOUDWATCH_ENDPOINT), v.get(S3_ENDPOINT),
                s3Region.isEmpty() ? region : Region.of(s3Region), v.get(RETRIEVAL_MODE), v.get(processorKey),
                v.get(SHUTDOWN_TIMEOUT), v.get(STATUS_INTERVAL), v);
    }

    public AwsSettings kinesisSettings() {
        return new AwsSettings(region, kinesisEndpoint, credentials);
    }

    public AwsSettings dynamoDbSettings() {
        return new AwsSettings(region, dynamoDbEndpoint, credentials);
    }

    public AwsSettings cloudWatchSettings() {
        return new AwsSettings(region, cloudWatchEndpoint, credentials);
    }

    public AwsSettings s3Settings() {
        return new AwsSettings(s3Region, s3Endpoint, credentials);
    }

    @Override
    public String toString() {
        // the record's generated toString would print the credentials spec, which may hold a secret
        return "ConsumerConfig[stream=" + streamName + ", application=" + applicationName + ", worker=" + workerId + "]";
    }

    private static ConfigKey<Long> millis(String name, long dflt) {
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

    private static String defaultWorkerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + ":" + UUID.randomUUID();
    }
}
