package dev.clickstream.common.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.common.config.ConfigDef;
import dev.clickstream.common.config.ConfigException;
import dev.clickstream.common.config.ConfigKey;
import dev.clickstream.common.config.ConfigLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

class ConfigOptionsTest {
    static final ConfigKey<Integer> TPS = ConfigKey.integer("putRecordsTps", 20).doc("Calls per second.");
    static final ConfigKey<String> STREAM = ConfigKey.string("stream", "s");
    static final ConfigDef DEF = ConfigDef.of(TPS, STREAM);

    @Command(name = "demo", mixinStandardHelpOptions = true)
    static final class Demo implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        Map<String, String> given;
        int tps;

        @Override
        public Integer call() {
            given = ConfigOptions.given(spec.commandLine().getParseResult(), DEF);
            tps = ConfigLoader.of(DEF).overrides(given).load().values().get(TPS);
            if (tps == 13) {
                throw new CliException(CliException.RUNTIME, "unlucky");
            }
            return 0;
        }
    }

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Demo demo = new Demo();

    private int run(String... args) {
        CommandLine cl = Cli.commandLine(demo);
        ConfigOptions.addTo(cl.getCommandSpec(), DEF);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void everyKeyBecomesAnOptionAndOnlyGivenOnesAreReported() {
        assertThat(run("--put-records-tps", "7")).isZero();
        assertThat(demo.given).containsExactly(Map.entry("putRecordsTps", "7"));
        assertThat(demo.tps).isEqualTo(7);
    }

    @Test
    void helpShowsKeyAndDefault() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("--put-records-tps=N").contains("Calls per second.")
                .contains("[key putRecordsTps, default: 20]").contains("--stream=TEXT");
    }

    @Test
    void badValueExitsWith2NamingTheKeyWithoutATrace() {
        assertThat(run("--put-records-tps", "fast")).isEqualTo(2);
        assertThat(err.toString()).startsWith("demo: putRecordsTps: must be a whole number, got 'fast'")
                .contains("Try 'demo --help'").doesNotContain("at dev.");
    }

    @Test
    void runtimeFailureExitsWith1() {
        assertThat(run("--put-records-tps", "13")).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("demo: unlucky");
    }

    @Test
    void configExceptionTypeIsWhatCarriesTheKey() {
        assertThat(new ConfigException("k", "must be x").key()).isEqualTo("k");
    }

    @Test
    void aMistypedOptionIsNamedWithoutItsValue() {
        assertThat(run("--put-records-tpz=StaticCredentialsProvider|AKIAX|SECRET")).isEqualTo(2);
        assertThat(err.toString()).startsWith("demo: Unknown option: '--put-records-tpz' (did you mean --put-records-tps")
                .doesNotContain("SECRET").doesNotContain("AKIAX");
    }

    @Test
    void aValueAfterAMistypedOptionIsNotEchoedEither() {
        assertThat(run("--put-records-tpz", "StaticCredentialsProvider|AKIAX|SECRET")).isEqualTo(2);
        assertThat(err.toString()).startsWith("demo: Unknown option: '--put-records-tpz'")
                .contains("unexpected argument at position 2 (not echoed")
                .doesNotContain("SECRET").doesNotContain("AKIAX");
    }
}
