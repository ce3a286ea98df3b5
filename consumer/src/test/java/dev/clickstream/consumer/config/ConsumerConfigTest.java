package dev.clickstream.consumer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clickstream.common.config.ConfigException;
import dev.clickstream.consumer.archive.ArchiverSettings;
import dev.clickstream.archive.layout.Compression;
import dev.clickstream.archive.layout.TimePrefix;
import dev.clickstream.consumer.processor.Processor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.metrics.MetricsLevel;

class ConsumerConfigTest {
    @TempDir
    Path dir;

    private ConfigSource.Loaded load(String properties, Map<String, String> env, Map<String, String> cli) throws IOException {
        Path file = dir.resolve("c.properties");
        Files.writeString(file, properties);
        return ConfigSource.load(file, env, cli);
    }

    private ConfigSource.Loaded load(String properties) throws IOException {
        return load(properties, Map.of(), Map.of());
    }

    private static final String MINIMAL = "streamName = s\napplicationName = app\nregionName = us-east-1\n";

    @Test
    void kclDefaultsAndArchiverDefaults() throws IOException {
        ConsumerConfig c = load(MINIMAL).config();
        assertThat(c.kcl().initialPosition().getInitialPositionInStream()).isEqualTo(InitialPositionInStream.LATEST);
        assertThat(c.kcl().failoverTimeMillis()).isEqualTo(10_000);
        assertThat(c.kcl().shardSyncIntervalMillis()).isEqualTo(60_000);
        assertThat(c.kcl().maxRecords()).isEqualTo(10_000);
        assertThat(c.kcl().idleTimeBetweenReadsInMillis()).isEqualTo(1_000);
        assertThat(c.kcl().callProcessRecordsEvenForEmptyRecordList()).isFalse();
        assertThat(c.kcl().parentShardPollIntervalMillis()).isEqualTo(10_000);
        assertThat(c.kcl().cleanupLeasesUponShardCompletion()).isTrue();
        assertThat(c.kcl().taskBackoffTimeMillis()).isEqualTo(500);
        assertThat(c.kcl().metricsLevel()).isEqualTo(MetricsLevel.DETAILED);
        assertThat(c.kcl().retrievalMode()).isEqualTo(RetrievalMode.POLLING);
        assertThat(c.processing().processor()).isEqualTo(Processor.S3_ARCHIVER);
        assertThat(c.endpoints().s3Region()).isEqualTo(Region.US_EAST_1);
        assertThat(c.workerId()).isNotBlank();
        ArchiverSettings a = ArchiverSettings.from(c.values());
        assertThat(a).isEqualTo(new ArchiverSettings("kinesis-clickstream-batchdata", true, 1_048_576, 0, 2, "",
                TimePrefix.NONE, Compression.NONE));
    }

    @Test
    void parquetHasItsOwnThresholdsAndPartitionsAreChecked() throws IOException {
        ArchiverSettings a = ArchiverSettings.from(load(MINIMAL + "s3.format = parquet\ns3.partitionBy = resource, referrer\n")
                .config().values());
        assertThat(a.output().parquet()).isTrue();
        assertThat(a.output().partitionBy()).containsExactly("resource", "referrer");
        assertThat(a.bufferSize()).isEqualTo(8L << 20);
        assertThat(a.bufferAgeMillis()).isEqualTo(300_000);
        assertThat(ArchiverSettings.from(load(MINIMAL).config().values()).bufferSize()).isEqualTo(1_048_576);

        assertThatThrownBy(() -> load(MINIMAL + "s3.partitionBy = resource,resource\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("s3.partitionBy");
        assertThatThrownBy(() -> load(MINIMAL + "s3.partitionBy = a/b\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("s3.partitionBy");
        assertThatThrownBy(() -> ArchiverSettings.from(load(MINIMAL + "s3.prefix = " + "p".repeat(300) + "/\n"
                + "s3.partitionBy = aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, b, c, d\n").config().values()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("1024");
        assertThatThrownBy(() -> load(MINIMAL + "s3.fileExtension = json\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("s3.fileExtension");
    }

    @Test
    void theOriginalSamplePropertiesLoadWithTheKcl1CredentialsName() throws IOException {
        ConfigSource.Loaded loaded = load(MINIMAL + "AWSCredentialsProvider = DefaultAWSCredentialsProviderChain\n"
                + "executableName = node sample_kcl_app.js\ninitialPositionInStream = TRIM_HORIZON\n");
        assertThat(loaded.config().endpoints().credentials()).isInstanceOf(DefaultCredentialsProvider.class);
        assertThat(loaded.unknownKeys()).containsExactly("executableName");
        assertThat(loaded.config().kcl().initialPosition().getInitialPositionInStream())
                .isEqualTo(InitialPositionInStream.TRIM_HORIZON);
    }

    @Test
    void shippedConfigsLoadWithoutUnknownKeys() {
        for (String path : new String[] {"../config/sample.properties", "../config/local/sample.properties"}) {
            ConfigSource.Loaded loaded = ConfigSource.load(Path.of(path), Map.of(), Map.of());
            assertThat(loaded.unknownKeys()).as(path).isEmpty();
            assertThat(loaded.config().streamName()).isEqualTo("kclnodejsclickstreamsample");
        }
        ConsumerConfig local = ConfigSource.load(Path.of("../config/local/sample.properties"),
                Map.of(), Map.of()).config();
        assertThat(ArchiverSettings.from(local.values()).maxBufferAgeMillis()).isEqualTo(5000);
        assertThat(local.kcl().metricsLevel()).isEqualTo(MetricsLevel.NONE);
        ConfigSource.Loaded basic = ConfigSource.load(
                Path.of("../config/basic/sample.properties"), Map.of(), Map.of());
        assertThat(basic.unknownKeys()).isEmpty();
        assertThat(basic.config().processing().processor()).isEqualTo(Processor.RECORD_LOGGER);
        assertThat(basic.config().streamName()).isEqualTo("kclnodejssample");
        assertThat(basic.config().applicationName()).isEqualTo("kclnodejssample");
    }

    @Test
    void environmentBeatsFileAndCliBeatsEnvironment() throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("CLICKSTREAM_S3_BUCKET", "from-env");
        env.put("CLICKSTREAM_MAX_BUFFER_SIZE", "2048");
        ConsumerConfig c = load(MINIMAL + "s3.bucket = from-file\nmaxBufferSize = 10\n", env,
                Map.of("maxBufferSize", "4096")).config();
        ArchiverSettings a = ArchiverSettings.from(c.values());
        assertThat(a.bucket()).isEqualTo("from-env");
        assertThat(a.maxBufferSize()).isEqualTo(4096);
    }

    @Test
    void fanOutNeedsAnApplicationNameThatCanNameTheStreamConsumer() throws IOException {
        String longest = "a".repeat(ConsumerConfig.MAX_CONSUMER_NAME);
        String props = "streamName = s\nregionName = us-east-1\nretrievalMode = FANOUT\n";
        assertThat(load(props + "applicationName = " + longest + "\n").config().kcl().retrievalMode())
                .isEqualTo(RetrievalMode.FANOUT);
        assertThatThrownBy(() -> load(props + "applicationName = " + longest + "b\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("applicationName")
                .hasMessageContaining("128");
        // polling registers no consumer: the lease table's 255 characters are the only limit
        assertThat(load("streamName = s\nregionName = us-east-1\napplicationName = " + longest + "b\n").config()
                .applicationName()).hasSize(ConsumerConfig.MAX_CONSUMER_NAME + 1);
    }

    @Test
    void missingRequiredKeyIsNamed() {
        assertThatThrownBy(() -> load("applicationName = app\nregionName = us-east-1\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("streamName");
    }

    @Test
    void unknownInitialPositionIsNamed() {
        assertThatThrownBy(() -> load(MINIMAL + "initialPositionInStream = BEGINNING\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("initialPositionInStream").hasMessageContaining("TRIM_HORIZON");
    }

    @Test
    void atTimestampNeedsTheTimestamp() throws IOException {
        assertThatThrownBy(() -> load(MINIMAL + "initialPositionInStream = AT_TIMESTAMP\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("initialPositionInStreamExtended");
        ConsumerConfig c = load(MINIMAL + "initialPositionInStream = AT_TIMESTAMP\n"
                + "initialPositionInStreamExtended = 2024-05-01T12:00:00Z\n").config();
        assertThat(c.kcl().initialPosition().getTimestamp().toInstant()).isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
    }

    @Test
    void badValuesAreNamedAndSecretsAreNotEchoed() {
        assertThatThrownBy(() -> load(MINIMAL + "compression = zip\n")).hasMessageContaining("compression");
        assertThatThrownBy(() -> load(MINIMAL + "maxBufferSize = 0\n")).hasMessageContaining("maxBufferSize");
        assertThatThrownBy(() -> load(MINIMAL + "maxQueuedBatches = 0\n")).hasMessageContaining("maxQueuedBatches");
        assertThatThrownBy(() -> load(MINIMAL + "s3.bucket = Bad_Bucket\n")).hasMessageContaining("s3.bucket");
        assertThatThrownBy(() -> load(MINIMAL + "processor = nope\n"))
                .hasMessage("processor: must be one of s3-archiver, referrer-counter, record-logger, got 'nope'");
        assertThatThrownBy(() -> load(MINIMAL + "AwsCredentialsProvider = StaticCredentialsProvider|AKIA|s3cr3t|x\n"))
                .hasMessageContaining("AwsCredentialsProvider").hasMessageNotContaining("s3cr3t");
    }

    @Test
    void describeMasksTheCredentials() throws IOException {
        ConsumerConfig c = load(MINIMAL + "AwsCredentialsProvider = StaticCredentialsProvider|AKIA|s3cr3t\n").config();
        assertThat(String.join("\n", c.values().describe())).doesNotContain("s3cr3t");
        assertThat(c.toString()).doesNotContain("s3cr3t");
    }
}
