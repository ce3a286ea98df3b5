package dev.clickstream.tools.delete;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clickstream.common.cli.CliException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigDirTest {
    @TempDir
    Path dir;

    @Test
    void readsNamesRegionEndpointsAndCredentialsFromAllThreeFiles() throws IOException {
        write("producer.properties", "region = eu-west-1\nstream = clicks\nkinesisEndpoint = http://127.0.0.1:4568\n"
                + "AwsCredentialsProvider = StaticCredentialsProvider|local|local\n");
        write("sample.properties", "streamName = clicks\napplicationName = archiver\nregionName = eu-west-1\n"
                + "s3.bucket = archive\ns3Endpoint = http://127.0.0.1:9000\ndynamoDBEndpoint = http://127.0.0.1:8000\n");
        write("counter.properties", "streamName = clicks\napplicationName = counter\ncountsTable = counts\n");

        ConfigDir config = ConfigDir.read(dir);

        assertThat(config.files()).containsExactly("producer.properties", "sample.properties", "counter.properties");
        assertThat(config.names().streams()).containsExactly("clicks");
        assertThat(config.names().leaseTables()).containsExactly("archiver", "counter");
        assertThat(config.names().countsTables()).containsExactly("counts");
        assertThat(config.names().bucket()).contains("archive");
        assertThat(config.region()).contains("eu-west-1");
        assertThat(config.kinesisEndpoint()).contains(URI.create("http://127.0.0.1:4568"));
        assertThat(config.dynamoDbEndpoint()).contains(URI.create("http://127.0.0.1:8000"));
        assertThat(config.s3Endpoint()).contains(URI.create("http://127.0.0.1:9000"));
        assertThat(config.credentialsSpec()).contains("StaticCredentialsProvider|local|local");
    }

    @Test
    void keysAFileLeavesOutTakeTheApplicationsDefaults() throws IOException {
        write("sample.properties", "# nothing set\n");
        write("counter.properties", "processor = referrer-counter\n");

        ConfigDir config = ConfigDir.read(dir);

        assertThat(config.names().streams()).containsExactly(DefaultNames.STREAM);
        assertThat(config.names().leaseTables()).containsExactly(DefaultNames.ARCHIVER_APPLICATION,
                DefaultNames.COUNTER_APPLICATION);
        assertThat(config.names().countsTables()).containsExactly(DefaultNames.COUNTS_TABLE);
        assertThat(config.names().bucket()).contains(DefaultNames.BUCKET);
        assertThat(config.region()).isEmpty();
    }

    @Test
    void aCounterConfiguredThroughSamplePropertiesNamesTheCountsTableNotTheBucket() throws IOException {
        write("sample.properties", "processor = referrer-counter\napplicationName = c\ncountsTable = t\n");

        ConfigDir config = ConfigDir.read(dir);

        assertThat(config.names().countsTables()).containsExactly("t");
        assertThat(config.names().bucket()).isEmpty();
    }

    @Test
    void filesNamedOneByOneAreToldApartByTheirKeys() throws IOException {
        Path producer = write("p.conf", "stream = clicks\nregion = eu-west-1\n");
        Path archiver = write("a.conf", "streamName = clicks\napplicationName = arch\ns3.bucket = b\n");
        Path counter = write("c.conf", "streamName = clicks\napplicationName = cnt\nprocessor = referrer-counter\n"
                + "countsTable = t\n");

        ConfigDir config = ConfigDir.readFiles(java.util.List.of(producer, archiver, counter));

        assertThat(config.files()).containsExactly(producer.toString(), archiver.toString(), counter.toString());
        assertThat(config.names().streams()).containsExactly("clicks");
        assertThat(config.names().leaseTables()).containsExactly("arch", "cnt");
        assertThat(config.names().countsTables()).containsExactly("t");
        assertThat(config.names().bucket()).contains("b");
        assertThat(config.region()).contains("eu-west-1");
    }

    @Test
    void aMissingPropertiesFileIsAUsageError() {
        assertThatThrownBy(() -> ConfigDir.readFiles(java.util.List.of(dir.resolve("none.properties"))))
                .isInstanceOf(CliException.class).hasMessage("--properties: " + dir.resolve("none.properties") + " not found");
    }

    @Test
    void filesThatDisagreeOnTheRegionNeedRegion() throws IOException {
        write("producer.properties", "region = eu-west-1\n");
        write("sample.properties", "regionName = us-east-1\n");

        assertThatThrownBy(() -> ConfigDir.read(dir)).isInstanceOf(CliException.class)
                .hasMessageContaining("different regions").hasMessageContaining("--region");
    }

    @Test
    void aBadEndpointNamesTheKeyAndFile() throws IOException {
        write("producer.properties", "kinesisEndpoint = localhost:4568\n");

        assertThatThrownBy(() -> ConfigDir.read(dir)).isInstanceOf(CliException.class)
                .hasMessageContaining("kinesisEndpoint in ").hasMessageContaining("producer.properties");
    }

    @Test
    void aDirectoryWithoutConfigsIsAUsageError() {
        assertThatThrownBy(() -> ConfigDir.read(dir))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessageContaining("has none of producer.properties, sample.properties, counter.properties");
        assertThatThrownBy(() -> ConfigDir.read(dir.resolve("missing"))).hasMessageContaining("is not a directory");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
