package dev.clickstream.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    enum Mode { POLLING, FANOUT }

    static final ConfigKey<String> STREAM = ConfigKey.string("stream", "kclnodejsclickstreamsample");
    static final ConfigKey<Integer> SHARDS = ConfigKey.integer("shards", 2).check(n -> n >= 1 && n <= 500, "be between 1 and 500");
    static final ConfigKey<Boolean> CREATE = ConfigKey.bool("s3.createBucketIfNotPresent", true);
    static final ConfigKey<Duration> TIMEOUT = ConfigKey.duration("readyTimeout", Duration.ofMinutes(5));
    static final ConfigKey<Mode> MODE = ConfigKey.enumeration("retrievalMode", Mode.class, Mode.POLLING);
    static final ConfigKey<Optional<URI>> ENDPOINT = ConfigKey.endpoint("kinesisEndpoint");
    static final ConfigKey<String> APP = ConfigKey.string("applicationName", null).required();
    static final ConfigDef DEF = ConfigDef.of(STREAM, SHARDS, CREATE, TIMEOUT, MODE, ENDPOINT);

    @TempDir
    Path dir;

    private Path file(String text) throws Exception {
        Path f = dir.resolve("test.properties");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void valuesAreFoundByKeyNameNotByKeyInstance() {
        ConfigValues v = ConfigLoader.of(DEF).overrides(Map.of("shards", "7")).load().values();
        assertThat(v.get(ConfigKey.integer("shards", 99))).isEqualTo(7);
        assertThat(v.get(SHARDS.doc("another instance of the same key"))).isEqualTo(7);
        assertThatThrownBy(() -> v.get(ConfigKey.integer("notDefined", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("notDefined");
    }

    @Test
    void defaultsApplyWhenNothingIsGiven() {
        ConfigValues v = ConfigLoader.of(DEF).load().values();
        assertThat(v.get(STREAM)).isEqualTo("kclnodejsclickstreamsample");
        assertThat(v.get(SHARDS)).isEqualTo(2);
        assertThat(v.get(CREATE)).isTrue();
        assertThat(v.get(TIMEOUT)).isEqualTo(Duration.ofMinutes(5));
        assertThat(v.get(MODE)).isEqualTo(Mode.POLLING);
        assertThat(v.get(ENDPOINT)).isEmpty();
        assertThat(v.isSet(SHARDS)).isFalse();
    }

    @Test
    void cliBeatsEnvironmentBeatsFile() throws Exception {
        Path f = file("stream = from-file\nshards = 3\nretrievalMode = fanout\n");
        ConfigValues v = ConfigLoader.of(DEF).file(f)
                .environment(Map.of("CLICKSTREAM_STREAM", "from-env", "CLICKSTREAM_SHARDS", "4"))
                .overrides(Map.of("stream", "from-cli"))
                .load().values();
        assertThat(v.get(STREAM)).isEqualTo("from-cli");
        assertThat(v.get(SHARDS)).isEqualTo(4);
        assertThat(v.get(MODE)).isEqualTo(Mode.FANOUT);
        assertThat(v.isSet(SHARDS)).isTrue();
    }

    @Test
    void emptyValueMeansTheDefault() throws Exception {
        ConfigValues v = ConfigLoader.of(DEF).file(file("kinesisEndpoint =\nshards=\n")).load().values();
        assertThat(v.get(ENDPOINT)).isEmpty();
        assertThat(v.get(SHARDS)).isEqualTo(2);
    }

    @Test
    void endpointIsParsed() throws Exception {
        ConfigValues v = ConfigLoader.of(DEF).file(file("kinesisEndpoint = http://127.0.0.1:4568\n")).load().values();
        assertThat(v.get(ENDPOINT)).contains(URI.create("http://127.0.0.1:4568"));
    }

    @Test
    void badValuesNameTheKey() throws Exception {
        assertThatThrownBy(() -> ConfigLoader.of(DEF).file(file("shards = two\n")).load())
                .isInstanceOf(ConfigException.class)
                .hasMessage("shards: must be a whole number, got 'two'");
        assertThatThrownBy(() -> ConfigLoader.of(DEF).file(file("shards = 501\n")).load())
                .hasMessage("shards: must be between 1 and 500, got '501'");
        assertThatThrownBy(() -> ConfigLoader.of(DEF).file(file("s3.createBucketIfNotPresent = maybe\n")).load())
                .hasMessage("s3.createBucketIfNotPresent: must be true or false, got 'maybe'");
        assertThatThrownBy(() -> ConfigLoader.of(DEF).file(file("retrievalMode = push\n")).load())
                .hasMessage("retrievalMode: must be one of POLLING, FANOUT, got 'push'");
        assertThatThrownBy(() -> ConfigLoader.of(DEF).file(file("kinesisEndpoint = localhost:4568\n")).load())
                .hasMessageStartingWith("kinesisEndpoint: must be an http:// or https:// URL");
        assertThatThrownBy(() -> ConfigLoader.of(DEF).file(file("readyTimeout = soon\n")).load())
                .hasMessageStartingWith("readyTimeout: must be a duration");
    }

    @Test
    void unknownKeyIsRejectedOrReported() throws Exception {
        Path f = file("stream = s\nshardz = 3\n");
        assertThatThrownBy(() -> ConfigLoader.of(DEF).file(f).load())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("shardz: unknown key");
        ConfigLoader.Loaded loaded = ConfigLoader.of(DEF).file(f).unknownKeys(ConfigLoader.UnknownKeys.WARN).load();
        assertThat(loaded.unknownKeys()).containsExactly("shardz");
        assertThat(loaded.values().get(STREAM)).isEqualTo("s");
    }

    @Test
    void unknownCliOverrideIsRejected() {
        assertThatThrownBy(() -> ConfigLoader.of(DEF).overrides(Map.of("nope", "1")).load())
                .hasMessage("nope: unknown key");
    }

    @Test
    void aliasesMapOldNames() throws Exception {
        ConfigKey<String> creds = ConfigKey.string("AwsCredentialsProvider", "DefaultCredentialsProvider");
        ConfigValues v = ConfigLoader.of(ConfigDef.of(creds))
                .file(file("AWSCredentialsProvider = DefaultAWSCredentialsProviderChain\n"))
                .aliases(Map.of("AWSCredentialsProvider", "AwsCredentialsProvider"))
                .load().values();
        assertThat(v.get(creds)).isEqualTo("DefaultAWSCredentialsProviderChain");
    }

    @Test
    void missingRequiredKeyIsNamed() {
        assertThatThrownBy(() -> ConfigLoader.of(ConfigDef.of(APP)).load())
                .hasMessage("applicationName: is required but was not set");
    }

    @Test
    void unreadableFilesGiveOneLine() throws Exception {
        assertThatThrownBy(() -> ConfigLoader.of(DEF).file(dir.resolve("missing.properties")).load())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("missing.properties: no such file");
        assertThatThrownBy(() -> ConfigLoader.of(DEF).file(dir).load())
                .hasMessageContaining("is a directory");
        assertThatThrownBy(() -> ConfigLoader.of(DEF).file(file("stream = \\uZZZZ\n")).load())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("cannot read config file");
    }

    @Test
    void sensitiveValuesAreNeverEchoed() throws Exception {
        ConfigKey<Integer> secret = ConfigKey.integer("secretNumber", 1).sensitive();
        assertThatThrownBy(() -> ConfigLoader.of(ConfigDef.of(secret)).file(file("secretNumber = hunter2\n")).load())
                .hasMessage("secretNumber: must be a whole number");
    }

    @Test
    void describeListsEffectiveValues() throws Exception {
        assertThat(ConfigLoader.of(DEF).file(file("shards = 7\n")).load().values().describe())
                .contains("shards = 7", "readyTimeout = 5m", "kinesisEndpoint = ");
    }

    @Test
    void keyNamesBecomeOptionAndEnvironmentNames() {
        assertThat(ConfigKey.integer("putRecordsTps", 20).optionName()).isEqualTo("--put-records-tps");
        assertThat(ConfigKey.integer("putRecordsTps", 20).envName("CLICKSTREAM_")).isEqualTo("CLICKSTREAM_PUT_RECORDS_TPS");
        assertThat(CREATE.optionName()).isEqualTo("--s3-create-bucket-if-not-present");
        assertThat(CREATE.envName("CLICKSTREAM_")).isEqualTo("CLICKSTREAM_S3_CREATE_BUCKET_IF_NOT_PRESENT");
        assertThat(ConfigKey.string("dynamoDBEndpoint", "").optionName()).isEqualTo("--dynamo-db-endpoint");
        assertThat(ConfigKey.string("dynamoDBEndpoint", "").envName("CLICKSTREAM_"))
                .isEqualTo("CLICKSTREAM_DYNAMO_DB_ENDPOINT");
        assertThat(ConfigKey.string("AwsCredentialsProvider", "").optionName()).isEqualTo("--aws-credentials-provider");
        assertThat(ConfigKey.string("s3Endpoint", "").optionName()).isEqualTo("--s3-endpoint");
        assertThat(ConfigKey.string("maxBufferAgeMillis", "").optionName()).isEqualTo("--max-buffer-age-millis");
    }
}
