package dev.clickstream.tools.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchivePropertiesTest {
    @TempDir
    Path dir;

    @Test
    void aMistypedKeyOfTheToolsIsWarnedAboutAndTheConsumersOtherKeysAreNot() throws Exception {
        Path file = dir.resolve("sample.properties");
        Files.writeString(file, """
                regionName = us-east-1
                streamName = clicks
                applicationName = clicks-app
                s3Endpiont = http://127.0.0.1:9000
                maxBufferSize = 1000
                processor = s3-archiver
                """);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        ArchiveProperties props;
        try {
            props = ArchiveProperties.load(ArchiveProperties.CONSUMER_KEYS, file, Map.of(), Map.of());
        } finally {
            System.setErr(original);
        }
        assertThat(props.endpoints().s3()).as("the mistyped key is not read").isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
                "clickstream-tools: warning: unknown key s3Endpiont in " + file + " ignored (did you mean s3Endpoint?)");
    }
}
