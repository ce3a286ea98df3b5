package dev.clickstream.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.testsupport.JavaProcess;
import dev.clickstream.testsupport.LocalAws;
import dev.clickstream.testsupport.LocalStackExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Issue test 6: each mistake gives one line and exit 2 (usage, configuration) or 1 (run time). */
@ExtendWith(LocalStackExtension.class)
class BadInputIT {
    @TempDir
    Path dir;

    private JavaProcess run(String... args) {
        return JavaProcess.jar(ConsumerFixture.JAR).args(args).env("LOG_DIR", dir.resolve("logs").toString())
                .workDir(dir).run(Duration.ofSeconds(60));
    }

    static void assertOneLineError(JavaProcess p, int exitCode, String... fragments) {
        assertThat(p.exitCode()).as(p.describe()).isEqualTo(exitCode);
        String first = p.stderrLines().stream().filter(l -> l.startsWith("consumer: ") && !l.contains("warning"))
                .findFirst().orElseThrow(() -> new AssertionError("no error line; " + p.describe()));
        assertThat(first).contains(fragments);
        assertThat(p.stderr()).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(p.stderrLines()).as("the error and at most a hint").hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void missingPropertiesFile() {
        assertOneLineError(run("--properties", dir.resolve("nope.properties").toString()), 2, "no such file");
    }

    @Test
    void unreadablePropertiesFile() {
        assertOneLineError(run("--properties", dir.toString()), 2, "it is a directory");
    }

    @Test
    void missingRequiredKey(LocalAws aws) throws IOException {
        ConsumerFixture f = new ConsumerFixture(aws, "bad").set("streamName", "");
        assertOneLineError(run("--properties", f.propertiesFile(dir).toString()), 2, "streamName", "required");
    }

    @Test
    void unknownInitialPosition(LocalAws aws) {
        ConsumerFixture f = new ConsumerFixture(aws, "bad").set("initialPositionInStream", "BEGINNING");
        assertOneLineError(run("--properties", f.propertiesFile(dir).toString()), 2, "initialPositionInStream",
                "TRIM_HORIZON", "BEGINNING");
    }

    @Test
    void unknownOption() {
        assertOneLineError(run("--no-such-option"), 2, "--no-such-option");
    }

    @Test
    void streamThatDoesNotExistWarnsAboutUnknownKeysToo(LocalAws aws) throws IOException {
        ConsumerFixture f = new ConsumerFixture(aws, "bad");
        Path file = f.propertiesFile(dir);
        Files.writeString(file, "executableName = node sample_kcl_app.js\n", java.nio.file.StandardOpenOption.APPEND);
        JavaProcess p = run("--properties", file.toString());
        assertOneLineError(p, 1, "stream " + f.stream + " does not exist");
        assertThat(p.stderr()).contains("warning: unknown keys", "executableName");
    }

    @Test
    void bucketMissingAndCreationOff(LocalAws aws) {
        ConsumerFixture f = new ConsumerFixture(aws, "bad").set("s3.createBucketIfNotPresent", "false");
        aws.createStream(f.stream, 1);
        assertOneLineError(run("--properties", f.propertiesFile(dir).toString()), 1, "bucket " + f.bucket);
    }
}
