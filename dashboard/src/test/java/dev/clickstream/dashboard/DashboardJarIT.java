package dev.clickstream.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.testsupport.JavaProcess;
import dev.clickstream.testsupport.LocalAws;
import dev.clickstream.testsupport.LocalStackExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** dashboard.jar as a user runs it: help, bad input, serving from a counter properties file, SIGTERM. */
@ExtendWith(LocalStackExtension.class)
class DashboardJarIT {
    private static final Path JAR = Path.of(System.getProperty("dashboardJar", "target/dashboard.jar"));
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Test
    void helpListsEveryOptionWithItsDefault() {
        JavaProcess p = JavaProcess.jar(JAR).args("--help").run(DEADLINE);
        assertThat(p.exitCode()).isZero();
        // help wraps at its width; compare the words, not the line breaks
        assertThat(p.stdout().replaceAll("\\s+", " ")).contains("--config, --properties=FILE", "--port", "default: 8080", "--bind", "default: 127.0.0.1",
                "--counts-table", "KinesisDataVisSample-HttpReferrerPairsCounter-Counts", "--region-name",
                "--dynamo-db-endpoint", "--aws-credentials-provider", "--max-range-in-seconds");
    }

    @Test
    void badInputIsOneLineAndExitCode2() {
        JavaProcess unknown = JavaProcess.jar(JAR).args("--nope").run(DEADLINE);
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("Unknown option: '--nope'").doesNotContain("Exception");

        JavaProcess secret = JavaProcess.jar(JAR).args("--aws-credentials-providr=StaticCredentialsProvider|AKIAX|SECRET")
                .run(DEADLINE);
        assertThat(secret.exitCode()).isEqualTo(2);
        assertThat(secret.stderr()).startsWith("dashboard: Unknown option: '--aws-credentials-providr'")
                .doesNotContain("SECRET").doesNotContain("AKIAX");

        JavaProcess huge = JavaProcess.jar(JAR).args("--max-range-in-seconds", "99999999999").run(DEADLINE);
        assertThat(huge.exitCode()).isEqualTo(2);
        assertThat(huge.stderrLines().get(0)).isEqualTo("dashboard: maxRangeInSeconds: out of range: must be from 1 to 86400, "
                + "got '99999999999'");

        JavaProcess badPort = JavaProcess.jar(JAR).args("--port", "99999").run(DEADLINE);
        assertThat(badPort.exitCode()).isEqualTo(2);
        assertThat(badPort.stderrLines().get(0)).isEqualTo("dashboard: port: must be a TCP port from 0 to 65535 (0: any free port), got '99999'");
    }

    @Test
    void servesFromTheCounterPropertiesFileAndStopsOnSigterm(LocalAws aws) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "jar-it"));
        Path config = dir.resolve("counter.properties");
        // the counter's and the KCL's keys share the file; the dashboard takes only its own
        Files.writeString(config, String.join("\n",
                "processor = referrer-counter",
                "streamName = some-stream",
                "applicationName = some-app",
                "regionName = us-east-1",
                "dynamoDBEndpoint = " + aws.endpoints().dynamoDb(),
                "AWSCredentialsProvider = StaticCredentialsProvider|local|local",
                "countsTable = " + LocalAws.uniqueName("jar-counts"),
                "countsWindow = 10s",
                "dynamoDbEndpoint = http://127.0.0.1:1", ""));
        int port = freePort();
        try (JavaProcess p = JavaProcess.jar(JAR).args("--properties", config.toString(), "--port", Integer.toString(port))
                .env("LOG_DIR", dir.resolve("logs").toString()).start()) {
            String line = p.awaitStdoutLine(Pattern.compile("^dashboard http://"), DEADLINE);
            // a mistyped key of the dashboard's own is a warning; the counter's keys in the file are not
            assertThat(p.stderrLines()).containsExactly("dashboard: warning: unknown key dynamoDbEndpoint in " + config
                    + " ignored (did you mean dynamoDBEndpoint?)");
            assertThat(line).contains("not there yet");
            Matcher m = Pattern.compile("dashboard (http://\\S+)").matcher(line);
            assertThat(m.find()).isTrue();
            URI url = URI.create(m.group(1));
            assertThat(url.getPort()).isEqualTo(port);
            assertThat(url.getHost()).isEqualTo("127.0.0.1");

            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(url.resolve("/api/GetCounts?resource=x&range_in_seconds=5")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).contains("does not exist");

            p.terminate();
            assertThat(p.awaitExit(DEADLINE)).isIn(0, 143);
            assertThat(p.stderr()).doesNotContain("Exception");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
