package dev.clickstream.producer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.local.KinesisLimits;
import dev.clickstream.testsupport.JavaProcess;
import dev.clickstream.testsupport.LocalAws;
import dev.clickstream.testsupport.LocalStackExtension;
import dev.clickstream.testsupport.StreamContents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The shipped jar, as a user runs it: exit codes, console lines, what lands in the stream. */
@ExtendWith(LocalStackExtension.class)
class ProducerJarIT {
    private static final Path JAR = Path.of(System.getProperty("producerJar", "target/producer.jar"));
    private static final Path LOCAL_CONFIG = Path.of(System.getProperty("configDir", "../config"))
            .resolve("local/producer.properties");
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Pattern SUMMARY = Pattern.compile(
            "(done|stopped) in [0-9.]+ s: sent (\\d+), acknowledged (\\d+), retried (\\d+), failed (\\d+);.*");

    @TempDir
    Path workDir;

    private JavaProcess.Builder producer(LocalAws aws, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--config")) {
            all.addAll(List.of("--config", LOCAL_CONFIG.toAbsolutePath().toString()));
        }
        if (!all.contains("--kinesis-endpoint")) {
            all.addAll(List.of("--kinesis-endpoint", aws.endpoints().kinesis().toString()));
        }
        return JavaProcess.jar(JAR).workDir(workDir).env("LOG_DIR", workDir.resolve("logs").toString()).args(all);
    }

    @Test
    void createsTheStreamPutsExactlyCountRecordsThenASecondRunReusesIt(LocalAws aws) throws IOException {
        String stream = LocalAws.uniqueName("jar-count");
        try (JavaProcess first = producer(aws, "--stream", stream, "--count", "1000", "--seed", "42",
                "--put-records-tps", "0", "--records-to-write-per-batch", "100").run(DEADLINE)) {
            assertThat(first.exitCode()).as(first.describe()).isZero();
            assertThat(first.stdout()).contains("creating stream " + stream + " with 2 shards")
                    .contains("stream " + stream + " is ACTIVE with 2 open shards")
                    .contains("seed 42");
            assertThat(summary(first)).containsExactly(1000L, 1000L, 0L, 0L);
            assertThat(first.stderr()).isEmpty();
        }
        aws.awaitStreamActive(stream);
        assertThat(ProducerRunIT.payloads(StreamContents.readAll(aws.kinesis(), stream)))
                .isEqualTo(ProducerRunIT.expected(2, 42, 1000));
        assertThat(Files.readString(workDir.resolve("logs/application.log")))
                .contains("(PID: ").contains("StaticCredentialsProvider|****").doesNotContain("|local|local");

        try (JavaProcess second = producer(aws, "--stream", stream, "--count", "10").run(DEADLINE)) {
            assertThat(second.exitCode()).as(second.describe()).isZero();
            assertThat(second.stdout()).contains("stream " + stream + " already exists; re-using it")
                    .doesNotContain("creating stream");
        }
        assertThat(StreamContents.readAll(aws.kinesis(), stream)).hasSize(1010);
    }

    /**
     * Flat out into 2 shards under Kinesis's write limits (a stack of its own with --kinesis-limits aws):
     * the shards refuse entries, the producer resends exactly those, and every record lands once.
     * Eight calls of 500 in flight: the shards are refused whenever the engine takes more than the
     * 2,000 records a second they allow, which it does at 4,700-6,600 here even under load
     * (producer/bench/throttled.sh).
     */
    @Test
    void flatOutUnderAwsLimitsEveryRecordIsAcknowledgedAfterRetries() throws Exception {
        try (LocalAws limited = LocalAws.startWith(KinesisLimits.AWS, workDir.resolve("stack"))) {
            String stream = LocalAws.uniqueName("jar-limits");
            try (JavaProcess p = producer(limited, "--stream", stream, "--shards", "2", "--count", "20000", "--seed", "7",
                    "--put-records-tps", "0", "--records-to-write-per-batch", "500", "--max-in-flight", "8")
                    .run(DEADLINE)) {
                assertThat(p.exitCode()).as(p.describe()).isZero();
                List<Long> totals = summary(p);
                assertThat(totals.get(1)).as("acknowledged").isEqualTo(20_000L);
                assertThat(totals.get(2)).as("retried").isPositive();
                assertThat(totals.get(3)).as("failed").isZero();
            }
            assertThat(ProducerRunIT.payloads(StreamContents.readAll(limited.kinesis(), stream)))
                    .isEqualTo(ProducerRunIT.expected(2, 7, 20_000));
        }
    }

    @Test
    void sigtermStopsGeneratingAndPrintsASummaryThatMatchesTheStream(LocalAws aws) {
        String stream = LocalAws.uniqueName("jar-sigterm");
        try (JavaProcess p = producer(aws, "--stream", stream, "--progress-interval", "500ms").start()) {
            p.awaitStdoutLine(Pattern.compile("^progress: sent \\d+, acknowledged [1-9]\\d*, .*"), DEADLINE);
            p.terminate();
            p.awaitExit(DEADLINE);
            assertThat(p.stdout()).contains("stopped in");
            List<Long> totals = summary(p);
            assertThat(totals.get(0)).isEqualTo(totals.get(1)).isPositive();
            assertThat(totals.get(3)).isZero();
            assertThat(StreamContents.readAll(aws.kinesis(), stream)).hasSize(totals.get(1).intValue());
        }
    }

    @Test
    void aPlainJavaJarIsOneJvmThatStopsOnSigterm(LocalAws aws) {
        String stream = LocalAws.uniqueName("jar-plain");
        try (JavaProcess p = producer(aws, "--stream", stream, "--progress-interval", "500ms").plain().start()) {
            p.awaitStdoutLine(Pattern.compile("^progress: sent \\d+, acknowledged [1-9]\\d*, .*"), DEADLINE);
            // the pid the user sees is the application's JVM: jcmd, a thread dump or a profiler reach it
            assertThat(p.descendants()).as("child processes of java -jar").isEmpty();
            p.terminate();
            p.awaitExit(DEADLINE);
            assertThat(p.stdout()).as(p.describe()).contains("stopped in");
            List<Long> totals = summary(p);
            assertThat(StreamContents.readAll(aws.kinesis(), stream)).hasSize(totals.get(1).intValue());
        }
    }

    @Test
    void badConfigsExitWith2NamingTheKey(LocalAws aws) throws IOException {
        Path bad = workDir.resolve("bad.properties");
        Files.writeString(bad, Files.readString(LOCAL_CONFIG) + "\nrecordsToWritePerBatch = 600\n");
        try (JavaProcess p = producer(aws, "--config", bad.toString()).run(DEADLINE)) {
            assertThat(p.exitCode()).isEqualTo(2);
            // the local config sets the key already: the later line wins, with a warning naming both
            assertThat(p.stderrLines()).first().asString()
                    .matches("warning: key recordsToWritePerBatch is set twice in .*bad\\.properties, on line \\d+ "
                            + "and on line \\d+; line \\d+ wins");
            assertThat(p.stderrLines().get(1))
                    .isEqualTo("producer: recordsToWritePerBatch: must be between 1 and 500, got '600'");
            assertThat(p.stderr()).doesNotContain("\tat ").doesNotContain("Exception");
        }
        Files.writeString(bad, "streamName = typo\n");
        try (JavaProcess p = producer(aws, "--config", bad.toString()).run(DEADLINE)) {
            assertThat(p.exitCode()).isEqualTo(2);
            assertThat(p.stderr()).startsWith("producer: streamName: unknown key in ");
        }
        try (JavaProcess p = producer(aws, "--put-records-tps", "lots").env("CLICKSTREAM_SHARDS", "3").run(DEADLINE)) {
            assertThat(p.exitCode()).isEqualTo(2);
            assertThat(p.stderr()).startsWith("producer: putRecordsTps: must be a whole number, got 'lots'");
        }
        try (JavaProcess p = producer(aws).env("CLICKSTREAM_SHARDS", "-3").run(DEADLINE)) {
            assertThat(p.exitCode()).isEqualTo(2);
            assertThat(p.stderr()).startsWith("producer: shards: must be between 1 and 10000, got '-3'");
        }
    }

    @Test
    void hostileAndCarelessInputIsOneLineWithoutSecrets(LocalAws aws) {
        try (JavaProcess p = producer(aws, "--aws-credentials-providr=StaticCredentialsProvider|AKIAX|SECRET").run(DEADLINE)) {
            assertThat(p.exitCode()).isEqualTo(2);
            assertThat(p.stderr()).startsWith("producer: Unknown option: '--aws-credentials-providr'")
                    .doesNotContain("SECRET").doesNotContain("AKIAX");
        }
        try (JavaProcess p = producer(aws, "--stream", "").run(DEADLINE)) {
            assertThat(p.exitCode()).isEqualTo(2);
            assertThat(p.stderr()).startsWith("producer: stream: must not be empty");
        }
        try (JavaProcess p = producer(aws, "--shards", "99999999999").run(DEADLINE)) {
            assertThat(p.exitCode()).isEqualTo(2);
            assertThat(p.stderr()).startsWith("producer: shards: out of range: must be between 1 and 10000, got '99999999999'");
        }
        try (JavaProcess p = producer(aws, "--aws-credentials-provider", "DefaultCredentialsProvider", "--count", "1")
                .withoutEnv("AWS_ACCESS_KEY_ID").withoutEnv("AWS_SECRET_ACCESS_KEY").withoutEnv("AWS_PROFILE")
                .withoutEnv("AWS_WEB_IDENTITY_TOKEN_FILE").withoutEnv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")
                .withoutEnv("AWS_CONTAINER_CREDENTIALS_FULL_URI")
                .env("AWS_SHARED_CREDENTIALS_FILE", workDir.resolve("none").toString())
                .env("AWS_CONFIG_FILE", workDir.resolve("none").toString())
                .env("AWS_EC2_METADATA_DISABLED", "true").run(DEADLINE)) {
            assertThat(p.exitCode()).as(p.describe()).isEqualTo(1);
            assertThat(p.stderrLines()).as(p.describe()).hasSize(1);
            assertThat(p.stderr()).startsWith("producer: no AWS credentials found; looked in ").hasSizeLessThan(700);
        }
    }

    @Test
    void anUnreachableEndpointEndsTheRunWithOneLine(LocalAws aws) {
        try (JavaProcess p = producer(aws, "--kinesis-endpoint", "http://127.0.0.1:9", "--count", "5")
                .run(DEADLINE)) {
            assertThat(p.exitCode()).as(p.describe()).isEqualTo(1);
            assertThat(p.stderrLines()).as(p.describe()).hasSize(1);
            assertThat(p.stderr()).startsWith("producer: cannot create stream kclnodejsclickstreamsample: ")
                    .contains("Connection refused");
        }
    }

    private static List<Long> summary(JavaProcess p) {
        for (String line : p.stdoutLines()) {
            Matcher m = SUMMARY.matcher(line);
            if (m.matches()) {
                return List.of(Long.parseLong(m.group(2)), Long.parseLong(m.group(3)), Long.parseLong(m.group(4)),
                        Long.parseLong(m.group(5)));
            }
        }
        throw new AssertionError("no summary line; " + p.describe());
    }
}
