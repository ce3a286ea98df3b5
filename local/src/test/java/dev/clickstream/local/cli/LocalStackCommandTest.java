package dev.clickstream.local.cli;

import dev.clickstream.local.Ports;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.common.cli.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LocalStackCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Cli.commandLine(new LocalStackCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void unknownOptionGivesAUsageLineAndExitCode2() {
        assertThat(run("--bogus")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--bogus'")
                .contains("Usage: local-stack")
                .contains("--help");
        assertThat(err.toString()).doesNotContain("at dev.clickstream");
    }

    @Test
    void nonNumericPortIsAUsageError() {
        assertThat(run("--s3-port", "abc")).isEqualTo(2);
        assertThat(err.toString()).contains("--s3-port").contains("abc");
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString())
                .contains("--kinesis-port=PORT", "default: 4568")
                .contains("--dynamodb-port=PORT", "default: 8000")
                .contains("--s3-port=PORT", "default: 9000")
                .contains("--data-dir=DIR", "default: local-data")
                .contains("--persist")
                .contains("--kinesis-limits=aws|off", "default: aws")
                .contains("--kinesis-subscription-seconds=SECONDS", "default: 300")
                .contains("--node=PATH");
    }

    @Test
    void kinesisLimitsOtherThanAwsOrOffIsAUsageError() {
        assertThat(run("--kinesis-limits", "strict")).isEqualTo(2);
        assertThat(err.toString()).contains("--kinesis-limits").contains("expected aws or off, not 'strict'")
                .doesNotContain("at dev.clickstream");
    }

    @Test
    void aSubscriptionLimitBelowOneSecondIsAUsageError() {
        assertThat(run("--kinesis-subscription-seconds", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--kinesis-subscription-seconds")
                .contains("expected a whole number of seconds, at least 1, not '0'").doesNotContain("at dev.clickstream");
    }

    @Test
    void portOutOfRangeNamesTheServiceAndExits2(@TempDir Path dir) {
        assertThat(run("--kinesis-port", "70000", "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("kinesis: port 70000 is out of range");
    }

    @Test
    void portInUseNamesTheServiceAndPortAndExits2(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThat(run("--dynamodb-port", Integer.toString(port), "--kinesis-port", Integer.toString(Ports.freePort()),
                    "--s3-port", Integer.toString(Ports.freePort()), "--data-dir", dir.toString())).isEqualTo(2);
            assertThat(err.toString().lines().findFirst().orElseThrow())
                    .isEqualTo("local-stack: dynamodb: port " + port
                            + " on 127.0.0.1 is already in use (choose another with --dynamodb-port)");
        }
    }

    @Test
    void samePortForTwoServicesIsRefused(@TempDir Path dir) {
        int port = Ports.freePort();
        assertThat(run("--kinesis-port", Integer.toString(port), "--s3-port", Integer.toString(port),
                "--dynamodb-port", Integer.toString(Ports.freePort()), "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("s3: port " + port + " is given to two services");
    }
}
