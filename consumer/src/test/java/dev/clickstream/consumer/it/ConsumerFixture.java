package dev.clickstream.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.consumer.config.ConfigSource;
import dev.clickstream.consumer.config.ConsumerConfig;
import dev.clickstream.consumer.kcl.ConsumerRuntime;
import dev.clickstream.consumer.kcl.HaltAfterPutObject;
import dev.clickstream.testsupport.JavaProcess;
import dev.clickstream.testsupport.LocalAws;
import dev.clickstream.testsupport.Poll;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Test helper: one consumer set-up on the shared local stack (fresh stream, application and
 * bucket names) with KCL timings short enough for tests, run either as the real jar or in-process.
 */
public final class ConsumerFixture {
    public static final Path JAR = Path.of(System.getProperty("consumerJar", "target/consumer.jar"));

    public final LocalAws aws;
    public final String stream;
    public final String application;
    public final String bucket;
    private final Map<String, String> settings = new LinkedHashMap<>();

    public ConsumerFixture(LocalAws aws, String name) {
        this.aws = aws;
        this.stream = LocalAws.uniqueName(name);
        this.application = LocalAws.uniqueName(name + "-app");
        this.bucket = LocalAws.uniqueName(name + "-bucket");
        settings.put("streamName", stream);
        settings.put("applicationName", application);
        settings.put("regionName", "us-east-1");
        settings.put("AwsCredentialsProvider", LocalAws.CREDENTIALS_SPEC);
        settings.put("initialPositionInStream", "TRIM_HORIZON");
        settings.put("kinesisEndpoint", aws.endpoints().kinesis().toString());
        settings.put("dynamoDBEndpoint", aws.endpoints().dynamoDb().toString());
        settings.put("s3Endpoint", aws.endpoints().s3().toString());
        settings.put("metricsLevel", "NONE");
        settings.put("failoverTimeMillis", "3000");
        settings.put("shardSyncIntervalMillis", "1000");
        settings.put("idleTimeBetweenReadsInMillis", "200");
        settings.put("parentShardPollIntervalMillis", "500");
        settings.put("shardConsumerDispatchPollIntervalMillis", "100");
        settings.put("taskBackoffTimeMillis", "200");
        settings.put("s3.bucket", bucket);
        settings.put("maxBufferSize", "4096");
        settings.put("maxBufferAgeMillis", "1000");
        settings.put("statusIntervalMillis", "1000");
    }

    /**
     * The referrer counter instead of the archiver, writing to table, checkpointing after each
     * write; the window is long enough that the KCL's start-up wait cannot push events out of it.
     */
    public ConsumerFixture counting(String table, Duration window) {
        return set("processor", "referrer-counter").set("countsTable", table)
                .set("countsWindow", window.toSeconds() + "s").set("counterCheckpointInterval", "0");
    }

    /**
     * Archives as Parquet with the payload schema (any record is a row, its bytes kept), with
     * thresholds as small as the raw ones.
     */
    public ConsumerFixture parquet() {
        return set("s3.format", "PARQUET").set("s3.schema", "payload").set("parquet.maxBufferSize", get("maxBufferSize"))
                .set("parquet.maxBufferAgeMillis", get("maxBufferAgeMillis"));
    }

    /** The Parquet archive of {@link #parquet()}: under s3.prefix, errors under the default error prefix. */
    public ParquetArchive parquetArchive() {
        return new ParquetArchive(aws.s3(), bucket, settings.getOrDefault("s3.prefix", ""), "errors/");
    }

    public ConsumerFixture set(String key, String value) {
        settings.put(key, value);
        return this;
    }

    public String get(String key) {
        return settings.get(key);
    }

    public StreamWriter writer() {
        return new StreamWriter(aws.kinesis(), stream);
    }

    public LeaseTable leases() {
        return new LeaseTable(aws.dynamoDb(), application);
    }

    public ArchiveChecker archive() {
        return new ArchiveChecker(aws.s3(), bucket, settings.getOrDefault("s3.prefix", ""));
    }

    /** Writes the settings as a properties file under {@code dir}. */
    public Path propertiesFile(Path dir) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("consumer.properties");
            String text = settings.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue())
                    .collect(Collectors.joining("\n", "", "\n"));
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts consumer.jar with these settings; logs go to {@code dir/logs}. */
    public JavaProcess startJar(Path dir, String... extraArgs) {
        Path file = propertiesFile(dir);
        return JavaProcess.jar(JAR).args("--properties", file.toString()).args(extraArgs)
                .env("LOG_DIR", dir.resolve("logs").toString())
                .workDir(dir)
                .start();
    }

    /** Starts the consumer in this JVM, with interceptors on its S3 client. */
    public ConsumerRuntime startInProcess(List<ExecutionInterceptor> s3Interceptors) {
        ConsumerConfig config = ConfigSource.load(null, Map.of(), settings).config();
        return ConsumerRuntime.start(config, s3Interceptors,
                new PrintStream(PrintStream.nullOutputStream()));
    }

    /** Whether every shard that received records has its lease checkpointed at its last written record. */
    public boolean checkpointedAll(Collection<StreamWriter.Written> written) {
        Map<String, String> lastByShard = lastSequenceByShard(written);
        Map<String, LeaseTable.Lease> leases = leases().leases();
        return lastByShard.entrySet().stream().allMatch(e -> leases.containsKey(e.getKey())
                && Objects.equals(leases.get(e.getKey()).checkpoint(), e.getValue()));
    }

    /**
     * Whether every one of {@code parents} is checkpointed at SHARD_END and every other shard that
     * received records at its last written record.
     */
    public boolean endedAndCheckpointed(Set<String> parents, Collection<StreamWriter.Written> written) {
        Map<String, LeaseTable.Lease> leases = leases().leases();
        return parents.stream().allMatch(p -> leases.containsKey(p) && "SHARD_END".equals(leases.get(p).checkpoint()))
                && checkpointedAll(written.stream().filter(w -> !parents.contains(w.shardId())).toList());
    }

    /** Whether the lease table holds {@code count} leases and exactly {@code workers} own them. */
    public boolean leasedBy(int count, Set<String> workers) {
        Map<String, LeaseTable.Lease> leases = leases().leases();
        return leases.size() == count
                && leases.values().stream().map(LeaseTable.Lease::owner).collect(Collectors.toSet()).equals(workers);
    }

    /**
     * With workers {@code worker-a} and {@code worker-b} started on a 4-shard stream: waits until
     * both own leases, writes 400 records and waits until every shard is checkpointed at its last
     * one. Returns them, in a list the caller may add to.
     */
    public List<StreamWriter.Written> twoWorkersArchive() {
        Poll.until(ARCHIVE_DEADLINE, "both workers own leases", () -> leasedBy(4, Set.of("worker-a", "worker-b")));
        List<StreamWriter.Written> written = new ArrayList<>(writer().putText("shared", 400));
        Poll.until(Duration.ofSeconds(60), "both workers archived their shards", () -> checkpointedAll(written));
        return written;
    }

    /** Splits shard 0 of a 2-shard stream in two halves (shards 2 and 3). */
    public void splitShardZero() {
        aws.kinesis().splitShard(r -> r.streamName(stream).shardToSplit("shardId-000000000000")
                .newStartingHashKey(BigInteger.ONE.shiftLeft(126).toString()));
    }

    /** After {@link #splitShardZero}: merges the upper half of shard 0 (shard 3) with shard 1, into shard 4. */
    public void mergeShardThreeWithOne() {
        aws.kinesis().mergeShards(r -> r.streamName(stream).shardToMerge("shardId-000000000003")
                .adjacentShardToMerge("shardId-000000000001"));
    }

    public static Map<String, String> lastSequenceByShard(Collection<StreamWriter.Written> written) {
        return written.stream().collect(Collectors.toMap(StreamWriter.Written::shardId, StreamWriter.Written::sequenceNumber,
                (a, b) -> new BigInteger(a).compareTo(new BigInteger(b)) >= 0 ? a : b));
    }

    /** The stream's registered consumers (enhanced fan-out) as "name STATUS", in name order. */
    public List<String> streamConsumers() {
        String arn = aws.kinesis().describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary()
                .streamARN();
        return aws.kinesis().listStreamConsumersPaginator(r -> r.streamARN(arn)).stream()
                .flatMap(page -> page.consumers().stream()).map(c -> c.consumerName() + " " + c.consumerStatusAsString()).sorted().toList();
    }

    /**
     * Runs consumer.jar with the crash-test hook that halts it right after its first PutObject
     * response, under {@code dir}, and checks it left an object in S3 whose records are not checkpointed.
     */
    public void crashAfterTheFirstUpload(Path dir) {
        try (JavaProcess first = JavaProcess.jar(JAR).jvmArgs("-D" + HaltAfterPutObject.PROPERTY + "=1")
                .args("--properties", propertiesFile(dir).toString())
                .env("LOG_DIR", dir.resolve("logs").toString()).workDir(dir).start()) {
            assertThat(first.awaitExit(ARCHIVE_DEADLINE)).as("exit status of the halted consumer; %s", first.describe())
                    .isEqualTo(HaltAfterPutObject.STATUS);
        }
        List<ArchiveChecker.ArchivedObject> objects = archive().objects();
        Map<String, LeaseTable.Lease> leases = leases().leases();
        assertThat(objects).as("objects in S3 when the consumer halted").isNotEmpty();
        assertThat(objects).as("an object in S3 whose records are not checkpointed").anyMatch(o -> {
            LeaseTable.Lease lease = leases.get(o.shardId());
            return lease == null || !lease.checkpoint().matches("\\d+")
                    || new BigInteger(lease.checkpoint()).compareTo(o.last()) < 0;
        });
    }

    /** Deadline for a consumer to archive a small stream: includes the KCL's 1-30 s wait on an empty lease table. */
    public static final Duration ARCHIVE_DEADLINE = Duration.ofSeconds(120);

}
