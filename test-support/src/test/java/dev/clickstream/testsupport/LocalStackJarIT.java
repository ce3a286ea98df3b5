package dev.clickstream.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.local.Ports;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code java -jar local/target/local-stack.jar} as a user runs it. */
class LocalStackJarIT {
    static final Path JAR = Path.of(System.getProperty("localStackJar", "../local/target/local-stack.jar"));
    static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path work;

    /** The three ports of one stack, kept to start it again on the same ones. */
    private record StackPorts(int kinesis, int dynamodb, int s3) {
        static StackPorts free() {
            return new StackPorts(Ports.freePort(), Ports.freePort(), Ports.freePort());
        }
    }

    private JavaProcess.Builder localStack(int kinesis, int dynamodb, int s3) {
        return JavaProcess.jar(JAR).workDir(work).args(
                "--kinesis-port", Integer.toString(kinesis),
                "--dynamodb-port", Integer.toString(dynamodb),
                "--s3-port", Integer.toString(s3));
    }

    /** The stack on these ports, once it has printed its ready line. */
    private JavaProcess startReady(StackPorts ports, String... args) {
        JavaProcess stack = localStack(ports.kinesis(), ports.dynamodb(), ports.s3()).args(args).start();
        stack.awaitStdoutLine(Pattern.compile("^ready in [0-9.]+ s"), START);
        return stack;
    }

    /** kinesalite and dynalite. */
    private static List<ProcessHandle> nodeChildren(JavaProcess launcher) {
        List<ProcessHandle> nodes = launcher.descendants().stream()
                .filter(p -> p.info().command().map(c -> c.endsWith("node")).orElse(false))
                .toList();
        assertThat(nodes).as("Node.js children of the launcher").hasSize(2);
        return nodes;
    }

    @Test
    void printsEachEndpointThenReadyAndEachAnswersRealSdkCalls() {
        StackPorts ports = StackPorts.free();
        try (JavaProcess stack = startReady(ports)) {
            assertThat(stack.stdoutLines()).hasSize(4);
            assertThat(stack.stdoutLines().get(0)).startsWith("kinesis").contains("http://127.0.0.1:" + ports.kinesis());
            assertThat(stack.stdoutLines().get(1)).startsWith("dynamodb").contains("http://127.0.0.1:" + ports.dynamodb());
            assertThat(stack.stdoutLines().get(2)).startsWith("s3").contains("http://127.0.0.1:" + ports.s3());

            var settings = new LocalAwsSettings();
            try (KinesisClient k = settings.configure(KinesisClient.builder(), ports.kinesis());
                 DynamoDbClient d = settings.configure(DynamoDbClient.builder(), ports.dynamodb());
                 S3Client s = settings.configure(S3Client.builder().forcePathStyle(true), ports.s3())) {
                k.createStream(r -> r.streamName("jar-check").shardCount(1));
                assertThat(k.listStreams().streamNames()).contains("jar-check");
                assertThat(d.listTables().tableNames()).isEmpty();
                s.createBucket(r -> r.bucket("jar-check"));
                assertThat(s.listBuckets().buckets()).extracting(b -> b.name()).contains("jar-check");
            }
            assertThat(work.resolve("local-data/s3/jar-check")).isDirectory();
        }
    }

    @Test
    void everyProcessOfTheStackListensOnLoopbackOnly() {
        StackPorts ports = StackPorts.free();
        try (JavaProcess stack = startReady(ports)) {
            List<String> listeners = new java.util.ArrayList<>(ListeningSockets.of(stack.pid()));
            nodeChildren(stack).forEach(node -> listeners.addAll(ListeningSockets.of(node.pid())));

            assertThat(listeners).as("listeners of the launcher and its engines")
                    .anyMatch(l -> l.endsWith(":" + ports.kinesis()))
                    .anyMatch(l -> l.endsWith(":" + ports.dynamodb()))
                    .anyMatch(l -> l.endsWith(":" + ports.s3()))
                    .allMatch(ListeningSockets::isLoopback);
        }
    }

    @Test
    void persistKeepsStreamsRecordsAndTablesAcrossARestart() throws Exception {
        StackPorts ports = StackPorts.free();
        var settings = new LocalAwsSettings();
        try (JavaProcess first = startReady(ports, "--persist")) {
            try (KinesisClient k = settings.configure(KinesisClient.builder(), ports.kinesis());
                 DynamoDbClient d = settings.configure(DynamoDbClient.builder(), ports.dynamodb())) {
                k.createStream(r -> r.streamName("kept-stream").shardCount(1));
                Poll.until(Duration.ofSeconds(20), "stream ACTIVE", () -> k.describeStreamSummary(r -> r.streamName("kept-stream"))
                        .streamDescriptionSummary().streamStatusAsString().equals("ACTIVE"));
                k.putRecord(r -> r.streamName("kept-stream").partitionKey("p")
                        .data(software.amazon.awssdk.core.SdkBytes.fromUtf8String("kept-record")));
                d.createTable(r -> r.tableName("kept-table")
                        .billingMode(software.amazon.awssdk.services.dynamodb.model.BillingMode.PAY_PER_REQUEST)
                        .keySchema(k2 -> k2.attributeName("id").keyType("HASH"))
                        .attributeDefinitions(a -> a.attributeName("id").attributeType("S")));
                d.putItem(r -> r.tableName("kept-table").item(java.util.Map.of("id",
                        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("kept-item"))));
            }
            first.terminate();
            first.awaitExit(Duration.ofSeconds(30));
        }
        try (JavaProcess second = startReady(ports, "--persist")) {
            assertThat(second.stdoutLines().get(0)).contains("persisted");
            try (KinesisClient k = settings.configure(KinesisClient.builder(), ports.kinesis());
                 DynamoDbClient d = settings.configure(DynamoDbClient.builder(), ports.dynamodb())) {
                assertThat(k.listStreams().streamNames()).contains("kept-stream");
                String iterator = k.getShardIterator(r -> r.streamName("kept-stream").shardId("shardId-000000000000")
                        .shardIteratorType("TRIM_HORIZON")).shardIterator();
                assertThat(k.getRecords(r -> r.shardIterator(iterator)).records())
                        .extracting(rec -> rec.data().asUtf8String()).containsExactly("kept-record");
                assertThat(d.getItem(r -> r.tableName("kept-table").key(java.util.Map.of("id",
                        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("kept-item")))).hasItem())
                        .isTrue();
            }
        }
    }

    @Test
    void withoutPersistARestartStartsEmpty() throws Exception {
        StackPorts ports = StackPorts.free();
        var settings = new LocalAwsSettings();
        try (JavaProcess first = startReady(ports)) {
            try (KinesisClient k = settings.configure(KinesisClient.builder(), ports.kinesis())) {
                k.createStream(r -> r.streamName("lost-stream").shardCount(1));
            }
            first.terminate();
            first.awaitExit(Duration.ofSeconds(30));
        }
        try (JavaProcess second = startReady(ports)) {
            try (KinesisClient k = settings.configure(KinesisClient.builder(), ports.kinesis())) {
                assertThat(k.listStreams().streamNames()).isEmpty();
            }
        }
    }

    @Test
    void sigtermStopsEverythingAndLeavesNoNodeProcess() {
        try (JavaProcess stack = startReady(StackPorts.free())) {
            List<ProcessHandle> nodes = nodeChildren(stack);

            stack.terminate();

            int code = stack.awaitExit(Duration.ofSeconds(30));
            assertThat(stack.stdoutLines()).as(stack.describe() + " exit " + code).contains("stopped");
            Poll.until(Duration.ofSeconds(10), "node children gone", () -> nodes.stream().noneMatch(ProcessHandle::isAlive));
        }
    }

    @Test
    void sigkillOfTheLauncherLeavesNoOrphanNodeProcess() {
        try (JavaProcess stack = startReady(StackPorts.free())) {
            List<ProcessHandle> nodes = nodeChildren(stack);
            assertThat(nodes).allMatch(ProcessHandle::isAlive);

            stack.kill();

            Poll.until(Duration.ofSeconds(10), "orphaned node children gone", () -> nodes.stream().noneMatch(ProcessHandle::isAlive));
        }
    }

    @Test
    void portInUseIsAOneLineErrorWithExitCode2() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            JavaProcess stack = localStack(Ports.freePort(), Ports.freePort(), port).run(START);
            assertThat(stack.exitCode()).isEqualTo(2);
            assertThat(stack.stderrLines().get(0)).isEqualTo(
                    "local-stack: s3: port " + port + " on 127.0.0.1 is already in use (choose another with --s3-port)");
            assertThat(stack.stderr()).doesNotContain("Exception");
        }
    }

    @Test
    void missingNodeIsAOneLineErrorWithExitCode2() throws Exception {
        Path emptyBin = Files.createDirectories(work.resolve("empty-bin"));
        JavaProcess stack = localStack(Ports.freePort(), Ports.freePort(), Ports.freePort())
                .env("PATH", emptyBin.toString()).run(START);
        assertThat(stack.exitCode()).isEqualTo(2);
        assertThat(stack.stderrLines().get(0))
                .startsWith("local-stack: node: Node.js not found")
                .contains("install Node.js 18 or newer");
        assertThat(stack.stderr()).doesNotContain("Exception");
    }

    @Test
    void nodeOlderThan18IsAOneLineErrorWithExitCode2() throws Exception {
        Path bin = Files.createDirectories(work.resolve("old-bin"));
        Path node = bin.resolve("node");
        Files.writeString(node, "#!/bin/sh\necho v16.20.2\n");
        Files.setPosixFilePermissions(node, PosixFilePermissions.fromString("rwxr-xr-x"));
        JavaProcess stack = localStack(Ports.freePort(), Ports.freePort(), Ports.freePort())
                .env("PATH", bin + ":/usr/bin:/bin").run(START);
        assertThat(stack.exitCode()).isEqualTo(2);
        assertThat(stack.stderrLines().get(0)).contains("Node.js v16.20.2 is too old");
    }

    @Test
    void unknownOptionIsAUsageErrorWithExitCode2() {
        JavaProcess stack = JavaProcess.jar(JAR).workDir(work).args("--nope").run(START);
        assertThat(stack.exitCode()).isEqualTo(2);
        assertThat(stack.stderr()).contains("Unknown option: '--nope'").contains("Usage: local-stack");
    }

    /** Clients for a stack started as a process, on the ports the test chose. */
    private static final class LocalAwsSettings {
        <B extends software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>
                & software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>, C> C configure(B builder, int port) {
            var settings = new dev.clickstream.common.aws.AwsSettings(LocalAws.REGION,
                    Optional.of(URI.create("http://127.0.0.1:" + port)),
                    dev.clickstream.common.aws.CredentialsProviders.parse(LocalAws.CREDENTIALS_SPEC));
            settings.configure(builder);
            builder.httpClientBuilder(UrlConnectionHttpClient.builder());
            return builder.build();
        }
    }
}
