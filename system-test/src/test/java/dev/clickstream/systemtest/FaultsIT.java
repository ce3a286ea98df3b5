package dev.clickstream.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.testsupport.JavaProcess;
import dev.clickstream.testsupport.LocalAws;
import dev.clickstream.testsupport.Poll;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * Faults with the real servers, while the producer and the archiver run as jars: the Kinesis
 * engine is killed (SIGKILL) and started again on its persisted data, then the S3 server is
 * stopped for 30 s in the middle of archiving. Every record the stream holds must end up in S3, and the
 * producer must account for every record: acknowledged or counted as failed.
 */
class FaultsIT {
    static final Path PROJECT = Path.of(System.getProperty("projectDir", "..")).toAbsolutePath().normalize();
    static final Path PRODUCER = PROJECT.resolve("producer/target/producer.jar");
    static final Path CONSUMER = PROJECT.resolve("consumer/target/consumer.jar");
    static final Duration S3_OUTAGE = Duration.ofSeconds(30);
    static final int RECORDS = 8_000;
    static final Pattern SUMMARY = Pattern.compile("^(?:done|stopped) in .*acknowledged (\\d+), retried \\d+, failed (\\d+);");

    @TempDir
    Path work;

    @Test
    void archiverAndProducerRideThroughAnS3OutageAndAKinesisRestart() throws Exception {
        try (LocalAws aws = LocalAws.startPersistent(work)) {
            String stream = "faults";
            String bucket = "faults-archive";
            Path properties = work.resolve("archiver.properties");
            Files.writeString(properties, String.join("\n",
                    "streamName = " + stream, "applicationName = faults-archiver", "regionName = us-east-1",
                    "AwsCredentialsProvider = " + LocalAws.CREDENTIALS_SPEC, "initialPositionInStream = TRIM_HORIZON",
                    "kinesisEndpoint = " + aws.kinesisEndpoint(), "dynamoDBEndpoint = " + aws.dynamoDbEndpoint(),
                    "s3Endpoint = " + aws.s3Endpoint(), "metricsLevel = NONE", "s3.bucket = " + bucket,
                    "maxBufferSize = 8192", "maxBufferAgeMillis = 1000", "shardSyncIntervalMillis = 1000",
                    "idleTimeBetweenReadsInMillis = 200", "failoverTimeMillis = 3000", "statusIntervalMillis = 1000", ""));
            aws.createStream(stream, 2);
            try (JavaProcess producer = JavaProcess.jar(PRODUCER).workDir(work).env("LOG_DIR", work.resolve("logs/producer").toString())
                         .args("--stream", stream, "--kinesis-endpoint", aws.kinesisEndpoint().toString(),
                                 "--count", Integer.toString(RECORDS), "--put-records-tps", "4",
                                 "--records-to-write-per-batch", "25", "--max-retries", "100",
                                 "--aws-credentials-provider", LocalAws.CREDENTIALS_SPEC)
                         .start();
                 JavaProcess archiver = JavaProcess.jar(CONSUMER).workDir(work).env("LOG_DIR", work.resolve("logs/archiver").toString())
                         .args("--properties", properties.toString()).start()) {
                Path archive = aws.s3Root().resolve(bucket);
                Poll.until(Duration.ofSeconds(120), "a first archived object", () -> objects(archive).size() > 0);

                aws.stack().stopService("kinesis");
                aws.stack().startService("kinesis");
                int afterRestart = objects(archive).size();
                Poll.until(Duration.ofSeconds(60), "archiving again after the Kinesis restart",
                        () -> objects(archive).size() > afterRestart);

                aws.stack().stopService("s3");
                Thread.sleep(S3_OUTAGE.toMillis()); // the outage itself, not a wait for anything
                aws.stack().startService("s3");

                assertThat(producer.awaitExit(Duration.ofSeconds(240))).as(producer.describe()).isZero();
                Matcher summary = producer.stdoutLines().stream().map(SUMMARY::matcher).filter(Matcher::find)
                        .findFirst().orElseThrow(() -> new AssertionError("no summary; " + producer.describe()));
                long acknowledged = Long.parseLong(summary.group(1));
                long failed = Long.parseLong(summary.group(2));
                assertThat(acknowledged + failed).as(producer.describe()).isEqualTo(RECORDS);

                Map<String, List<BigInteger>> inStream = sequenceNumbers(aws, stream);
                assertThat(inStream.values().stream().mapToLong(List::size).sum()).isGreaterThanOrEqualTo(acknowledged);
                Poll.until(Duration.ofSeconds(120), "every record of the stream archived",
                        () -> missing(inStream, archive) == 0);
                assertThat(archiver.isAlive()).as(archiver.describe()).isTrue();
            }
        }
    }

    /** The archived objects: plain files at BUCKET/shardId/firstSeq-lastSeq under the S3 root. */
    private static List<Path> objects(Path archive) throws IOException {
        if (!Files.isDirectory(archive)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(archive)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    /** Records of the stream whose sequence number no archived object of their shard covers. */
    private static long missing(Map<String, List<BigInteger>> inStream, Path archive) throws IOException {
        Map<String, List<BigInteger[]>> ranges = new HashMap<>();
        for (Path object : objects(archive)) {
            String[] range = object.getFileName().toString().split("-");
            ranges.computeIfAbsent(object.getParent().getFileName().toString(), k -> new ArrayList<>())
                    .add(new BigInteger[] {new BigInteger(range[0]), new BigInteger(range[1])});
        }
        long missing = 0;
        for (Map.Entry<String, List<BigInteger>> shard : inStream.entrySet()) {
            List<BigInteger[]> covered = ranges.getOrDefault(shard.getKey(), List.of());
            missing += shard.getValue().stream()
                    .filter(seq -> covered.stream().noneMatch(r -> seq.compareTo(r[0]) >= 0 && seq.compareTo(r[1]) <= 0))
                    .count();
        }
        return missing;
    }

    private static Map<String, List<BigInteger>> sequenceNumbers(LocalAws aws, String stream) {
        Map<String, List<BigInteger>> byShard = new HashMap<>();
        for (Shard shard : aws.kinesis().listShards(r -> r.streamName(stream)).shards()) {
            List<BigInteger> seqs = byShard.computeIfAbsent(shard.shardId(), k -> new ArrayList<>());
            String iterator = aws.kinesis().getShardIterator(r -> r.streamName(stream).shardId(shard.shardId())
                    .shardIteratorType("TRIM_HORIZON")).shardIterator();
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse page = aws.kinesis().getRecords(r -> r.shardIterator(current).limit(10_000));
                page.records().forEach(rec -> seqs.add(new BigInteger(rec.sequenceNumber())));
                iterator = page.records().isEmpty() ? null : page.nextShardIterator();
            }
        }
        return byShard;
    }
}
