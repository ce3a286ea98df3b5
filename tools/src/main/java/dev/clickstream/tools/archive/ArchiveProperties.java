package dev.clickstream.tools.archive;

import dev.clickstream.common.aws.CredentialsProviders;
import dev.clickstream.common.aws.Regions;
import dev.clickstream.common.cli.ConfigOptions;
import dev.clickstream.common.config.ConfigDef;
import dev.clickstream.common.config.ConfigKey;
import dev.clickstream.common.config.ConfigLoader;
import dev.clickstream.common.config.NearMisses;
import dev.clickstream.common.config.ConfigValues;
import dev.clickstream.tools.aws.Endpoints;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.ParseResult;
import software.amazon.awssdk.regions.Region;

/**
 * The keys of the consumer's properties file that say where and how its archive is written, and
 * where its stream and lease table are. Same names, defaults and checks as the consumer's; every
 * other key of the file is ignored. Loaded as every application loads its configuration: the
 * file, then {@code CLICKSTREAM_*} environment variables, then the command's options. (The tools
 * do not depend on the consumer module: it would bring the KCL into clickstream-tools.jar for a
 * dozen key definitions.)
 */
public record ArchiveProperties(String stream, String application, String bucket, String prefix,
                                String errorPrefix, TimeSegments timePrefix, String format, String compression, String initialPosition,
                                Endpoints endpoints) {

    static final ConfigKey<String> REGION_NAME = ConfigKey.string("regionName", null).required()
            .check(Regions::isValid, "be an AWS region name such as us-east-1")
            .doc("AWS region of the stream, the lease table and the bucket.");
    static final ConfigKey<String> CREDENTIALS = CredentialsProviders.configKey();
    static final ConfigKey<Optional<URI>> KINESIS_ENDPOINT = ConfigKey.endpoint("kinesisEndpoint")
            .doc("Kinesis endpoint, e.g. the local stack's; empty: AWS.");
    static final ConfigKey<Optional<URI>> DYNAMODB_ENDPOINT = ConfigKey.endpoint("dynamoDBEndpoint")
            .doc("DynamoDB endpoint, e.g. the local stack's; empty: AWS.");
    static final ConfigKey<Optional<URI>> S3_ENDPOINT = ConfigKey.endpoint("s3Endpoint")
            .doc("S3 endpoint, e.g. the local stack's; empty: AWS.");
    static final ConfigKey<String> BUCKET = ConfigKey.string("s3.bucket", "kinesis-clickstream-batchdata")
            .doc("Bucket the archiver writes to.");
    static final ConfigKey<String> PREFIX = ConfigKey.string("s3.prefix", "")
            .doc("Prefix of every archive key.");
    static final ConfigKey<String> ERROR_PREFIX = ConfigKey.string("s3.errorPrefix", "errors/")
            .check(p -> p.endsWith("/") && !p.startsWith("/") && !p.contains("//"),
                    "end with '/', not start with it, and have no '//'")
            .doc("Where the archiver puts records that cannot become Parquet rows; no archive object lies there.");
    static final ConfigKey<TimeSegments> TIME_PREFIX = ConfigKey.of("s3.timePrefix", TimeSegments::parse,
                    TimeSegments.NONE, "PATTERN")
            .doc("The archiver's java.time pattern between the prefix and the shard id; it dates raw objects.");
    static final ConfigKey<String> FORMAT = ConfigKey.string("s3.format", "raw")
            .check(f -> f.equalsIgnoreCase("raw") || f.equalsIgnoreCase("parquet"), "be raw or parquet")
            .doc("The archive's format: raw (newline-separated records) or parquet.");
    static final ConfigKey<String> PARTITION_BY = ConfigKey.string("s3.partitionBy", "")
            .doc("The archiver's partition fields; objects are found under any partition segments.");
    static final ConfigKey<String> COMPRESSION = ConfigKey.string("compression", "NONE")
            .check(c -> c.equalsIgnoreCase("NONE") || c.equalsIgnoreCase("GZIP"), "be NONE or GZIP")
            .doc("The archiver's compression of raw objects: NONE or GZIP (keys end in .gz).");

    /** Where the archive is: what replay needs. */
    public static final ConfigDef ARCHIVE_KEYS = ConfigDef.of(REGION_NAME, CREDENTIALS, KINESIS_ENDPOINT,
            DYNAMODB_ENDPOINT, S3_ENDPOINT, BUCKET, PREFIX, ERROR_PREFIX, TIME_PREFIX, FORMAT, PARTITION_BY, COMPRESSION);

    static final ConfigKey<String> STREAM_NAME = ConfigKey.string("streamName", null).required()
            .doc("The stream the archiver reads.");
    static final ConfigKey<String> APPLICATION_NAME = ConfigKey.string("applicationName", null).required()
            .doc("The archiver's KCL application name: its lease table.");
    static final ConfigKey<String> INITIAL_POSITION = ConfigKey.string("initialPositionInStream", "LATEST")
            .doc("Where the archiver starts a shard without checkpoint: LATEST or TRIM_HORIZON.");

    /** And where its stream and lease table are: what verify-archive needs too. */
    public static final ConfigDef CONSUMER_KEYS = ARCHIVE_KEYS.with(STREAM_NAME, APPLICATION_NAME, INITIAL_POSITION);

    private static final Map<String, String> ALIASES = Map.of("AWSCredentialsProvider", CREDENTIALS.name());

    /**
     * Reads the file, then the environment, then {@code options} (key name → text); a bad or
     * missing value is a ConfigException naming the key (exit 2).
     */
    public static ArchiveProperties load(ConfigDef def, Path file, Map<String, String> env, Map<String, String> options) {
        ConfigLoader.Loaded loaded = ConfigLoader.of(def).file(file).environment(env).overrides(options)
                .aliases(ALIASES)
                .unknownKeys(ConfigLoader.UnknownKeys.WARN)
                .load();
        // the consumer's other keys are ignored without a word; one of ours, mistyped, is not
        for (String warning : NearMisses.warnings(def, loaded.unknownKeys(), file)) {
            System.err.println("clickstream-tools: warning: " + warning);
        }
        ConfigValues v = loaded.values();
        // s3.region is not read: the S3 client follows a bucket into its region by itself (cross-region access)
        Region region = Region.of(v.get(REGION_NAME));
        boolean consumer = def.contains(STREAM_NAME.name());
        return new ArchiveProperties(consumer ? v.get(STREAM_NAME) : "", consumer ? v.get(APPLICATION_NAME) : "",
                v.get(BUCKET), v.get(PREFIX), v.get(ERROR_PREFIX), v.get(TIME_PREFIX), v.get(FORMAT).toLowerCase(Locale.ROOT),
                v.get(COMPRESSION).toUpperCase(Locale.ROOT),
                consumer ? v.get(INITIAL_POSITION).toUpperCase(Locale.ROOT) : "",
                new Endpoints(region, v.get(KINESIS_ENDPOINT), v.get(DYNAMODB_ENDPOINT), v.get(S3_ENDPOINT),
                        v.get(CREDENTIALS)));
    }

    /**
     * As a command loads it: the file, the process's environment, the options given on its
     * command line (one per key of {@code def}).
     */
    public static ArchiveProperties forCommand(ConfigDef def, Path file, ParseResult parsed) {
        return load(def, file, System.getenv(), ConfigOptions.given(parsed, def));
    }

    /** Whether the consumer reads a shard without checkpoint from its oldest record. */
    public boolean startsAtTrimHorizon() {
        return initialPosition.equals("TRIM_HORIZON");
    }

    /** {@code s3://bucket/prefix}, for messages. */
    public String location() {
        return "s3://" + bucket + "/" + prefix;
    }
}
