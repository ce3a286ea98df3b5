package dev.clickstream.dashboard;

import dev.clickstream.common.aws.AwsSettings;
import dev.clickstream.common.aws.CredentialsProviders;
import dev.clickstream.common.aws.Regions;
import dev.clickstream.common.config.ConfigDef;
import dev.clickstream.common.config.ConfigException;
import dev.clickstream.common.config.ConfigKey;
import dev.clickstream.common.config.ConfigValues;
import dev.clickstream.common.counts.CountsTable;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * What the dashboard reads: the counter's properties file is shared, and only these keys are
 * taken from it (the KCL multilang names for region, endpoint and credentials, and countsTable).
 */
public record DashboardSettings(AwsSettings aws, String countsTable, String bind, int port, int maxRangeInSeconds) {

    public static final ConfigKey<String> REGION_NAME = ConfigKey.string("regionName", "us-east-1")
            .check(Regions::isValid, "be an AWS region name such as us-east-1")
            .doc("AWS region of the counts table.");
    public static final ConfigKey<Optional<URI>> DYNAMODB_ENDPOINT = ConfigKey.endpoint("dynamoDBEndpoint")
            .doc("DynamoDB endpoint override, e.g. http://127.0.0.1:8000 for the local stack.");
    public static final ConfigKey<String> CREDENTIALS = CredentialsProviders.configKey();
    public static final ConfigKey<String> COUNTS_TABLE = CountsTable.NAME_KEY;
    public static final ConfigKey<Integer> PORT = ConfigKey.integer("port", 8080)
            .check(p -> p >= 0 && p <= 65535, "be a TCP port from 0 to 65535 (0: any free port)")
            .doc("HTTP port.");
    public static final ConfigKey<String> BIND = ConfigKey.string("bind", "127.0.0.1")
            .label("ADDRESS")
            .doc("Address to listen on; 0.0.0.0 opens the dashboard to the network.");
    public static final ConfigKey<Integer> MAX_RANGE = ConfigKey.integer("maxRangeInSeconds", 3600)
            .check(n -> n >= 1 && n <= 86_400, "be from 1 to 86400")
            .doc("GetCounts serves at most this many seconds back; larger range_in_seconds are capped.");

    public static final ConfigDef KEYS = ConfigDef.of(REGION_NAME, DYNAMODB_ENDPOINT, CREDENTIALS, COUNTS_TABLE,
            PORT, BIND, MAX_RANGE);

    /** Older spellings used by the original samples' properties files. */
    public static final Map<String, String> ALIASES = Map.of("AWSCredentialsProvider", CREDENTIALS.name());

    public static DashboardSettings from(ConfigValues values) {
        String bind = values.get(BIND).trim();
        if (bind.isEmpty()) {
            throw new ConfigException(BIND.name(), "must be an address");
        }
        return new DashboardSettings(
                AwsSettings.of(values.get(REGION_NAME), values.get(DYNAMODB_ENDPOINT), values.get(CREDENTIALS)),
                values.get(COUNTS_TABLE), bind, values.get(PORT), values.get(MAX_RANGE));
    }
}
