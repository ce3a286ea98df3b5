package dev.clickstream.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad input is rejected before any AWS call; these run the command in-process. */
class ProducerCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String... args) {
        CommandLine cl = ProducerCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void aBareAggregationFlagMeansTrueAndTakesAValueToo() {
        var bare = ProducerCommand.commandLine().parseArgs("--aggregation", "--count", "5");
        assertThat(dev.clickstream.common.cli.ConfigOptions.given(bare, dev.clickstream.producer.config.ProducerKeys.DEF))
                .containsEntry("aggregation", "true");
        var off = ProducerCommand.commandLine().parseArgs("--aggregation", "false");
        assertThat(dev.clickstream.common.cli.ConfigOptions.given(off, dev.clickstream.producer.config.ProducerKeys.DEF))
                .containsEntry("aggregation", "false");
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("--stream=NAME", "default: kclnodejsclickstreamsample",
                "--shards=N", "default: 2", "--records-to-write-per-batch=N", "default: 5",
                "--wait-between-describe-calls-in-seconds=N", "--put-records-tps=N", "default: 20",
                "--kinesis-endpoint=URL", "--aws-credentials-provider", "--region=", "default: us-east-1",
                "--ready-timeout=DURATION", "default: 5m", "--count=N", "--duration=DURATION", "--seed=N",
                "--config, --properties=FILE", "--max-in-flight=N", "--max-retries=N", "--shutdown-grace", "--progress-interval");
    }

    @Test
    void unknownKeyInFileIsAUsageErrorNamingIt() throws IOException {
        Path file = dir.resolve("p.properties");
        Files.writeString(file, "stream = s\nputRecordTps = 5\n");
        assertThat(run("--config", file.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("producer: putRecordTps: unknown key in " + file)
                .contains("Try 'producer --help'").doesNotContain("\tat ");
    }

    @Test
    void theFileIsReadThroughPropertiesAndItsAliasConfig() throws IOException {
        Path file = dir.resolve("p.properties");
        Files.writeString(file, "recordsToWritePerBatch = 501\n");
        for (String option : new String[] {"--properties", "--config"}) {
            err.getBuffer().setLength(0);
            assertThat(run(option, file.toString())).as(option).isEqualTo(2);
            assertThat(err.toString()).as(option).endsWith("Try 'producer --help' for more information.\n")
                    .contains("producer: recordsToWritePerBatch: must be between 1 and 500, got '501'");
        }
    }

    @Test
    void outOfRangeValueInFileNamesTheKey() throws IOException {
        Path file = dir.resolve("p.properties");
        Files.writeString(file, "recordsToWritePerBatch = 501\n");
        assertThat(run("--config", file.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("producer: recordsToWritePerBatch: must be between 1 and 500, got '501'");
    }

    @Test
    void badOptionValuesAreUsageErrors() {
        assertThat(run("--shards", "two")).isEqualTo(2);
        assertThat(err.toString()).startsWith("producer: shards: must be a whole number, got 'two'");
    }

    @Test
    void badRunLimitsAreUsageErrors() {
        assertThat(run("--count", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--count must be at least 1");
        assertThat(run("--count", "many")).isEqualTo(2);
        assertThat(err.toString()).contains("--count");
        assertThat(run("--duration", "soon")).isEqualTo(2);
        assertThat(err.toString()).contains("--duration must be a duration");
    }

    @Test
    void unknownOptionAndMissingFileAreUsageErrors() {
        assertThat(run("--colour", "red")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option").contains("--colour");
        assertThat(run("--config", dir.resolve("none.properties").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("cannot read config file").contains("no such file");
    }
}
