package dev.clickstream.tools.verify;

import dev.clickstream.common.aws.CredentialsProviders;
import dev.clickstream.common.aws.Regions;
import dev.clickstream.common.config.ConfigDef;
import dev.clickstream.common.config.ConfigKey;
import dev.clickstream.common.config.ConfigLoader;
import dev.clickstream.common.config.ConfigValues;
import dev.clickstream.tools.aws.Endpoints;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;

/**
 * The few keys of the consumer's properties file that say where its archive, lease table and
 * stream are. Same names, defaults and checks as the consumer's; every other key of the file is
 * ignored. (The tools do not depend on the consumer module: it would bring the KCL into
 * clickstream-tools.jar for a dozen key definitions.)
 */
public record ArchiveProperties(String stream, String application, String bucket, String prefix, String timePrefix,
                                String initialPosition, Endpoints endpoints) {

    static final ConfigKey<String> STREAM_NAME = ConfigKey.string("streamName", null).required();
    static final ConfigKey<String> APPLICATION_NAME = ConfigKey.string("applicationName", null).required();
    static final ConfigKey<String> REGION_NAME = ConfigKey.string("regionName", null).required()
            .check(Regions::isValid, "be an AWS region name such as us-east-1");
    static final ConfigKey<String> CREDENTIALS = CredentialsProviders.configKey();
    static final ConfigKey<Optional<URI>> KINESIS_ENDPOINT = ConfigKey.endpoint("kinesisEndpoint");
    static final ConfigKey<Optional<URI>> DYNAMODB_ENDPOINT = ConfigKey.endpoint("dynamoDBEndpoint");
    static final ConfigKey<Optional<URI>> S3_ENDPOINT = ConfigKey.endpoint("s3Endpoint");
    static final ConfigKey<String> BUCKET = ConfigKey.string("s3.bucket", "kinesis-clickstream-batchdata");
    static final ConfigKey<String> PREFIX = ConfigKey.string("s3.prefix", "");
    static final ConfigKey<String> TIME_PREFIX = ConfigKey.string("s3.timePrefix", "");
    static final ConfigKey<String> INITIAL_POSITION = ConfigKey.string("initialPositionInStream", "LATEST");

    private static final ConfigDef KEYS = ConfigDef.of(STREAM_NAME, APPLICATION_NAME, REGION_NAME,
            CREDENTIALS, KINESIS_ENDPOINT, DYNAMODB_ENDPOINT, S3_ENDPOINT, BUCKET, PREFIX, TIME_PREFIX, INITIAL_POSITION);

    /** Reads the file; a bad or missing value is a ConfigException naming the key (exit 2). */
    public static ArchiveProperties read(Path file) {
        ConfigValues v = ConfigLoader.of(KEYS).file(file)
                .aliases(Map.of("AWSCredentialsProvider", CREDENTIALS.name()))
                .unknownKeys(ConfigLoader.UnknownKeys.WARN)
                .load().values();
        // s3.region is not read: the S3 client follows a bucket into its region by itself (cross-region access)
        Region region = Region.of(v.get(REGION_NAME));
        return new ArchiveProperties(v.get(STREAM_NAME), v.get(APPLICATION_NAME), v.get(BUCKET), v.get(PREFIX),
                v.get(TIME_PREFIX), v.get(INITIAL_POSITION).toUpperCase(Locale.ROOT),
                new Endpoints(region, v.get(KINESIS_ENDPOINT), v.get(DYNAMODB_ENDPOINT), v.get(S3_ENDPOINT),
                        v.get(CREDENTIALS)));
    }

    /** Whether the consumer reads a shard without checkpoint from its oldest record. */
    public boolean startsAtTrimHorizon() {
        return initialPosition.equals("TRIM_HORIZON");
    }
}
