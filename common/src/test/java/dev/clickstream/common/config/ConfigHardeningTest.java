package dev.clickstream.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader against careless and hostile input: special files, other encodings, repeated keys, big numbers. */
class ConfigHardeningTest {
    static final ConfigKey<String> STREAM = ConfigKey.string("stream", "kclnodejsclickstreamsample");
    static final ConfigKey<Integer> SHARDS = ConfigKey.integer("shards", 2).check(n -> n >= 1 && n <= 500, "be between 1 and 500");
    static final ConfigKey<Long> BYTES = ConfigKey.longInteger("maxBytes", 10L);
    static final ConfigKey<java.util.Optional<java.net.URI>> ENDPOINT = ConfigKey.endpoint("kinesisEndpoint");
    static final ConfigDef DEF = ConfigDef.of(STREAM, SHARDS, BYTES, ENDPOINT);

    @TempDir
    Path dir;

    @Test
    void aDeviceIsRefusedWithoutReadingIt() {
        assertThatThrownBy(() -> ConfigLoader.readProperties(Path.of("/dev/zero")))
                .isInstanceOf(ConfigException.class).hasMessage("cannot read config file /dev/zero: not a regular file "
                        + "(a device, a pipe or a socket)");
    }

    @Test
    void aHugeFileIsRefused() throws Exception {
        Path big = dir.resolve("big.properties");
        Files.write(big, new byte[(int) ConfigLoader.MAX_FILE_BYTES + 1]);
        assertThatThrownBy(() -> ConfigLoader.readProperties(big)).hasMessageContaining("too large");
    }

    @Test
    void aFileThatIsNotUtf8NamesTheLine() throws Exception {
        Path f = dir.resolve("latin1.properties");
        Files.write(f, "stream = a\n# caf\u00e9\nshards = 3\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> ConfigLoader.readProperties(f))
                .hasMessage("cannot read config file " + f + ": line 2 is not valid UTF-8 (save the file as UTF-8)");
    }

    @Test
    void utf8TextIsReadAsUtf8() throws Exception {
        Path f = dir.resolve("utf8.properties");
        Files.writeString(f, "stream = caf\u00e9\n", StandardCharsets.UTF_8);
        assertThat(ConfigLoader.readProperties(f)).containsEntry("stream", "caf\u00e9");
    }

    @Test
    void aKeySetTwiceIsFoundWithBothLinesAndTheLaterWins() throws Exception {
        String text = "# comment\nstream = a\nshards = \\\n  3\nstream=b\n! other comment\n stream : c\n";
        assertThat(PropertiesLines.duplicates(text)).containsExactly(
                new PropertiesLines.Duplicate("stream", 2, 5), new PropertiesLines.Duplicate("stream", 5, 7));
        Path f = dir.resolve("twice.properties");
        Files.writeString(f, text);
        assertThat(ConfigLoader.readProperties(f)).containsEntry("stream", "c").containsEntry("shards", "3");
    }

    @Test
    void numbersBeyondTheirTypeSayOutOfRange() {
        assertThatThrownBy(() -> ConfigLoader.of(DEF).overrides(Map.of("shards", "99999999999")).load())
                .hasMessage("shards: out of range: must be between 1 and 500, got '99999999999'");
        assertThatThrownBy(() -> ConfigLoader.of(DEF).overrides(Map.of("maxBytes", "99999999999999999999")).load())
                .hasMessage("maxBytes: out of range (max 9223372036854775807), got '99999999999999999999'");
        assertThatThrownBy(() -> ConfigLoader.of(DEF).overrides(Map.of("shards", "12abc")).load())
                .hasMessage("shards: must be a whole number, got '12abc'");
    }

    @Test
    void anEmptyOptionIsAnErrorUnlessEmptyMeansSomething() {
        assertThatThrownBy(() -> ConfigLoader.of(DEF).overrides(Map.of("stream", "")).load())
                .hasMessageStartingWith("stream: must not be empty (leave --stream out");
        // an empty endpoint means "AWS's own": an option may say so over a file's value
        assertThat(ConfigLoader.of(DEF).overrides(Map.of("kinesisEndpoint", "")).load().values().get(ENDPOINT)).isEmpty();
    }

    @Test
    void nearMissesAreFoundAcrossCaseAndTypos() {
        ConfigDef def = ConfigDef.of(ConfigKey.endpoint("dynamoDBEndpoint"), ConfigKey.string("countsTable", "t"));
        assertThat(NearMisses.closest(def, "dynamoDbEndpoint")).contains("dynamoDBEndpoint");
        assertThat(NearMisses.closest(def, "countTable")).contains("countsTable");
        assertThat(NearMisses.closest(def, "applicationName")).isEmpty();
    }
}
