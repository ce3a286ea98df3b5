package dev.clickstream.consumer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.common.config.ConfigKey;
import dev.clickstream.consumer.config.ConsumerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class ConsumerCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = ConsumerCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void helpListsEveryKeyWithItsDefault() {
        assertThat(run("--help")).isZero();
        String help = out.toString().replaceAll("\\s+", " ");
        for (ConfigKey<?> key : ConsumerConfig.definition().keys()) {
            assertThat(help).contains(key.optionName());
            assertThat(help).contains("[key " + key.name() + ", default: ");
        }
        assertThat(help).contains("--properties").contains("default: kinesis-clickstream-batchdata")
                .contains("default: 1048576");
    }

    @ParameterizedTest
    @CsvSource({
            "--max-buffer-size, lots, 'consumer: maxBufferSize: must be a whole number'",
            "--s3-time-prefix, yyyy/MM/bb/, 'consumer: s3.timePrefix: must be a java.time pattern'"})
    void aBadOptionValueIsOneLineNamingTheKeyAndExitTwo(String option, String value, String message) {
        assertThat(run("--stream-name", "s", "--application-name", "app", "--region-name", "us-east-1",
                option, value)).isEqualTo(2);
        assertThat(err.toString()).startsWith(message).doesNotContain("Exception");
    }
}
