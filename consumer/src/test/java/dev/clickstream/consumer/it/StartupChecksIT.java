package dev.clickstream.consumer.it;

import static dev.clickstream.consumer.it.BadInputIT.assertOneLineError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.testsupport.JavaProcess;
import dev.clickstream.testsupport.LocalAws;
import dev.clickstream.testsupport.LocalStackExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * consumer.jar's start-up against careless and hostile input: names the services would reject,
 * endpoints that do not answer or do not speak TLS, no credentials, secrets in mistyped options,
 * special and mis-encoded config files, an unwritable log directory. Each fails at once, in one line.
 */
@ExtendWith(LocalStackExtension.class)
class StartupChecksIT {
    /** Far below the minutes the KCL would spend retrying in the background. */
    private static final Duration DEADLINE = Duration.ofSeconds(45);

    @TempDir
    Path dir;

    private JavaProcess run(JavaProcess.Builder builder) {
        return builder.env("LOG_DIR", dir.resolve("logs").toString()).workDir(dir).run(DEADLINE);
    }

    private JavaProcess run(String... args) {
        return run(JavaProcess.jar(ConsumerFixture.JAR).args(args));
    }

    private JavaProcess runWith(ConsumerFixture f, String... args) {
        return run(JavaProcess.jar(ConsumerFixture.JAR).args("--properties", f.propertiesFile(dir).toString()).args(args));
    }

    @Test
    void unreachableDynamoDbFailsAtOnceNamingServiceEndpointAndCause(LocalAws aws) throws IOException {
        String endpoint = "http://127.0.0.1:" + closedPort();
        ConsumerFixture f = new ConsumerFixture(aws, "probe").set("dynamoDBEndpoint", endpoint);
        aws.createStream(f.stream, 1);
        JavaProcess p = runWith(f);
        assertOneLineError(p, 1, "cannot reach DynamoDB at " + endpoint, "Connection refused");
        assertThat(p.stdout()).doesNotContain("running");
    }

    @Test
    void httpsTowardAPlainHttpEndpointSaysTls(LocalAws aws) {
        String endpoint = aws.endpoints().kinesis().toString().replace("http://", "https://");
        ConsumerFixture f = new ConsumerFixture(aws, "tls").set("kinesisEndpoint", endpoint);
        JavaProcess p = runWith(f);
        assertOneLineError(p, 1, "cannot connect to Kinesis at " + endpoint, "TLS", "http://");
        assertThat(p.stderr().length()).isLessThan(500);
    }

    /** An emulator that speaks only HTTP/1.1 (kinesalite without this project's patch) answers FANOUT's HTTP/2 preface with a 400. */
    @Test
    void fanOutTowardAnHttp11OnlyEndpointSaysHttp2(LocalAws aws) throws Exception {
        try (ServerSocket http11 = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                while (!http11.isClosed()) {
                    try (java.net.Socket client = http11.accept()) {
                        client.getInputStream().read(new byte[4096]);
                        client.getOutputStream().write(("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n"
                                + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException closed) {
                        // the test is over, or the client gave up
                    }
                }
            }, "http11-only");
            server.setDaemon(true);
            server.start();
            String endpoint = "http://127.0.0.1:" + http11.getLocalPort();
            ConsumerFixture f = new ConsumerFixture(aws, "h2").set("kinesisEndpoint", endpoint)
                    .set("retrievalMode", "FANOUT");
            JavaProcess p = runWith(f);
            assertOneLineError(p, 1, "Kinesis at " + endpoint + " does not speak HTTP/2", "retrievalMode POLLING");
        }
    }

    @Test
    void noCredentialsSaysSoAndWhereItLooked(LocalAws aws) {
        ConsumerFixture f = new ConsumerFixture(aws, "nocreds").set("AwsCredentialsProvider", "DefaultCredentialsProvider");
        JavaProcess p = run(JavaProcess.jar(ConsumerFixture.JAR).args("--properties", f.propertiesFile(dir).toString())
                .withoutEnv("AWS_ACCESS_KEY_ID").withoutEnv("AWS_SECRET_ACCESS_KEY").withoutEnv("AWS_PROFILE")
                .withoutEnv("AWS_WEB_IDENTITY_TOKEN_FILE").withoutEnv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")
                .withoutEnv("AWS_CONTAINER_CREDENTIALS_FULL_URI")
                .env("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString())
                .env("AWS_CONFIG_FILE", dir.resolve("no-config").toString())
                .env("AWS_EC2_METADATA_DISABLED", "true"));
        assertOneLineError(p, 1, "no AWS credentials found; looked in", "AWS_ACCESS_KEY_ID", "no-credentials",
                "instance metadata");
        assertThat(p.stderr()).doesNotContain("cannot reach");
        assertThat(p.stderr().length()).isLessThan(700);
    }

    @Test
    void namesTheServicesRejectAreConfigErrors(LocalAws aws) {
        assertOneLineError(runWith(new ConsumerFixture(aws, "names").set("applicationName", "bad name/*")), 2,
                "applicationName", "lease table", "bad name/*");
        assertOneLineError(runWith(new ConsumerFixture(aws, "names").set("streamName", "no such/stream")), 2,
                "streamName", "Kinesis stream name");
    }

    @Test
    void aMistypedOptionNeverEchoesItsValue() {
        JavaProcess p = run("--aws-credentials-providr=StaticCredentialsProvider|AKIAX|SECRET");
        assertOneLineError(p, 2, "Unknown option: '--aws-credentials-providr'", "--aws-credentials-provider");
        assertThat(p.stderr() + p.stdout()).doesNotContain("SECRET").doesNotContain("AKIAX");
        JavaProcess spaced = run("--aws-credentials-providr", "StaticCredentialsProvider|AKIAX|SECRET");
        assertThat(spaced.exitCode()).isEqualTo(2);
        assertThat(spaced.stderr() + spaced.stdout()).doesNotContain("SECRET").doesNotContain("AKIAX");
    }

    @Test
    void anEmptyOptionIsAnError(LocalAws aws) {
        assertOneLineError(runWith(new ConsumerFixture(aws, "empty"), "--stream-name", ""), 2,
                "streamName: must not be empty");
    }

    @Test
    void numbersBeyondTheirTypeSayOutOfRange(LocalAws aws) {
        assertOneLineError(runWith(new ConsumerFixture(aws, "range"), "--max-records", "99999999999"), 2,
                "maxRecords", "out of range");
    }

    @Test
    void aKeySetTwiceIsAWarningNamingBothLines(LocalAws aws) throws IOException {
        ConsumerFixture f = new ConsumerFixture(aws, "twice");
        Path file = f.propertiesFile(dir);
        int lines = Files.readAllLines(file).size();
        Files.writeString(file, "streamName = " + f.stream + "-other\n", java.nio.file.StandardOpenOption.APPEND);
        JavaProcess p = run("--properties", file.toString());
        assertThat(p.stderr()).contains("warning: key streamName is set twice in " + file + ", on line ")
                .contains("and on line " + (lines + 1) + "; line " + (lines + 1) + " wins");
        assertOneLineError(p, 1, "stream " + f.stream + "-other does not exist");
    }

    @Test
    void aConfigPathThatIsNotARegularFileIsRefused() throws Exception {
        assertOneLineError(run("--properties", "/dev/zero"), 2, "/dev/zero", "not a regular file");
        Path fifo = dir.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        assertOneLineError(run("--properties", fifo.toString()), 2, "not a regular file");
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedNamingTheLine(LocalAws aws) throws IOException {
        Path file = new ConsumerFixture(aws, "latin1").propertiesFile(dir);
        byte[] text = ("# r\u00e9sum\u00e9\n" + Files.readString(file)).getBytes(StandardCharsets.ISO_8859_1);
        Files.write(file, text);
        assertOneLineError(run("--properties", file.toString()), 2, file.toString(), "line 1 is not valid UTF-8");
    }

    @Test
    void anUnwritableLogDirectoryIsOneLineAndTheRunGoesOn(LocalAws aws) throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "");
        ConsumerFixture f = new ConsumerFixture(aws, "logdir");
        JavaProcess p = JavaProcess.jar(ConsumerFixture.JAR).args("--properties", f.propertiesFile(dir).toString())
                .env("LOG_DIR", notADirectory.resolve("logs").toString()).workDir(dir).run(DEADLINE);
        assertThat(p.exitCode()).as(p.describe()).isEqualTo(1); // the stream does not exist: the run went on to see that
        assertThat(p.stderrLines()).filteredOn(l -> l.contains("cannot write the log file"))
                .singleElement().asString().contains(notADirectory.resolve("logs").toString(), "console");
        assertThat(p.stdout() + p.stderr()).doesNotContain("ch.qos.logback").doesNotContain("\tat ");
        assertThat(p.stderr()).contains("consumer: stream " + f.stream + " does not exist");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
