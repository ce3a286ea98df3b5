package dev.clickstream.tools.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.producer.aggregate.Aggregator;
import dev.clickstream.producer.aggregate.ShardMap;
import dev.clickstream.producer.send.Batch;
import dev.clickstream.testsupport.JavaProcess;
import dev.clickstream.testsupport.LocalAws;
import dev.clickstream.testsupport.LocalStackExtension;
import dev.clickstream.testsupport.Poll;
import dev.clickstream.tools.ArchiveFixture;
import dev.clickstream.tools.ToolsJar;
import dev.clickstream.tools.ToolsJar.Run;
import dev.clickstream.tools.archive.ArchiveRecord;
import dev.clickstream.tools.archive.ArchivedObject;
import dev.clickstream.tools.archive.RawFormat;
import dev.clickstream.tools.archive.RecordReader;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Produce (KPL-aggregated), archive with the real consumer.jar (gzip, time prefix, batches cut by
 * size inside aggregates), verify that archive in both modes, replay it into a new stream, archive
 * that stream with a second consumer, and compare the two archives.
 */
@ExtendWith(LocalStackExtension.class)
class ReplayRoundTripIT {
    private static final Path CONSUMER_JAR = Path.of(System.getProperty("consumerJar", "../consumer/target/consumer.jar"));
    private static final Duration ARCHIVE_DEADLINE = Duration.ofSeconds(150);
    private static final int RECORDS = 400;
    private static final Pattern I = Pattern.compile("\"i\":(\\d+)");

    @TempDir
    Path dir;

    private final LocalAws aws;

    ReplayRoundTripIT(LocalAws aws) {
        this.aws = aws;
    }

    @Test
    void anAggregatedArchiveReplayedAndArchivedAgainHoldsTheSameRecordsInTheSameOrderPerKey() throws Exception {
        String source = LocalAws.uniqueName("roundtrip");
        String target = LocalAws.uniqueName("roundtrip-replayed");
        Path sourceProps = properties(dir.resolve("source"), source, "GZIP", "yyyy/MM/dd/HH/");
        aws.createStream(source, 2);
        Map<String, String> lastSequence = putAggregated(source);

        Map<String, List<String>> original;
        try (JavaProcess consumer = startConsumer(sourceProps)) {
            awaitOrDescribe(consumer, "the source archived and checkpointed",
                    () -> archivedRecords(bucketOf(source)) == RECORDS && checkpointed(source + "-app", lastSequence));
            consumer.terminate();
            consumer.awaitExit(Duration.ofSeconds(60));
        }
        original = archive(bucketOf(source));

        Run keysOnly = ToolsJar.run("", List.of("verify-archive", "--properties", sourceProps.toString()));
        assertThat(keysOnly.exitCode()).as(keysOnly.describe()).isZero();
        assertThat(keysOnly.stdout()).as("batches cut inside aggregates").contains("edges shared")
                .contains("Consistent:");
        Run withStream = ToolsJar.run("", List.of("verify-archive", "--properties", sourceProps.toString(), "--stream"));
        assertThat(withStream.exitCode()).as(withStream.describe()).isZero();

        Run replay = ToolsJar.run("", List.of("replay", "--properties", sourceProps.toString(), "--to-stream", target,
                "--state", dir.resolve("replay.state").toString()));
        assertThat(replay.exitCode()).as(replay.describe()).isZero();
        assertThat(replay.stdout()).contains(RECORDS + " records").contains("acknowledged " + RECORDS)
                .contains("failed 0").contains("partition keys: " + RECORDS + " from field resource");

        Path targetProps = properties(dir.resolve("target"), target, "NONE", "");
        try (JavaProcess consumer = startConsumer(targetProps)) {
            awaitOrDescribe(consumer, "the replayed stream archived", () -> archivedRecords(bucketOf(target)) >= RECORDS);
            consumer.terminate();
            consumer.awaitExit(Duration.ofSeconds(60));
        }
        Map<String, List<String>> replayed = archive(bucketOf(target));

        assertThat(replayed.keySet()).isEqualTo(original.keySet());
        for (String key : original.keySet()) {
            assertThat(replayed.get(key)).as("records of key %s, in order", key).isEqualTo(original.get(key));
            assertThat(original.get(key)).as("the source kept the put order of %s", key)
                    .isSortedAccordingTo(Comparator.comparingInt(ReplayRoundTripIT::index));
        }
        assertThat(original.values().stream().mapToInt(List::size).sum()).isEqualTo(RECORDS);
    }

    private static void awaitOrDescribe(JavaProcess consumer, String what, java.util.concurrent.Callable<Boolean> done) {
        try {
            Poll.until(ARCHIVE_DEADLINE, what, done);
        } catch (RuntimeException | AssertionError e) {
            throw new AssertionError(what + " did not happen; the consumer: " + consumer.describe(), e);
        }
    }

    /**
     * Puts RECORDS click events in KPL aggregates of at most 8 (under 500 bytes), as the producer's
     * --aggregation does: smaller than the archiver's 1000-byte batches, so a batch cut falls inside
     * an aggregate and splits it between two objects. (A batch wholly inside one larger aggregate
     * is named seq-seq like its neighbour and overwrites it: a defect of the archiver's key naming.)
     */
    private Map<String, String> putAggregated(String stream) {
        Aggregator aggregator = new Aggregator(ShardMap.load(aws.kinesis(), stream), 51_200, 4_294_967_295L);
        Map<String, String> last = new HashMap<>();
        for (int call = 0; call < RECORDS / 10; call++) {
            List<PutRecordsRequestEntry> users = new ArrayList<>();
            for (int i = call * 10; i < (call + 1) * 10; i++) {
                String json = "{\"resource\":\"/page" + (i % 5) + "\",\"referrer\":\"r" + (i % 3) + "\",\"i\":" + i + "}";
                users.add(PutRecordsRequestEntry.builder().partitionKey("/page" + (i % 5))
                        .data(SdkBytes.fromString(json, StandardCharsets.UTF_8)).build());
            }
            Batch batch = aggregator.aggregate(users);
            List<PutRecordsResultEntry> results = aws.kinesis()
                    .putRecords(r -> r.streamName(stream).records(batch.entries())).records();
            for (PutRecordsResultEntry e : results) {
                assertThat(e.errorCode()).isNull();
                last.merge(e.shardId(), e.sequenceNumber(),
                        (a, b) -> new BigInteger(a).compareTo(new BigInteger(b)) >= 0 ? a : b);
            }
        }
        return last;
    }

    private boolean checkpointed(String table, Map<String, String> lastSequence) {
        List<Map<String, AttributeValue>> leases = aws.dynamoDb().scan(r -> r.tableName(table)).items();
        Map<String, String> checkpoints = new HashMap<>();
        leases.forEach(l -> checkpoints.put(l.get("leaseKey").s(), l.get("checkpoint").s()));
        return lastSequence.entrySet().stream().allMatch(e -> e.getValue().equals(checkpoints.get(e.getKey())));
    }

    private long archivedRecords(String bucket) throws IOException {
        if (aws.s3().listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket))) {
            return 0;
        }
        return archive(bucket).values().stream().mapToLong(List::size).sum();
    }

    /** Every record of the archive by its resource, in archive order (objects by shard and sequence range). */
    private Map<String, List<String>> archive(String bucket) throws IOException {
        List<ArchivedObject> objects = new ArrayList<>();
        for (S3Object o : aws.s3().listObjectsV2Paginator(r -> r.bucket(bucket)).contents()) {
            ArchivedObject.parse(o.key(), "").ifPresent(objects::add);
        }
        objects.sort(Comparator.comparing(ArchivedObject::shardId).thenComparing(ArchivedObject::first)
                .thenComparing(ArchivedObject::last));
        Map<String, List<String>> byKey = new HashMap<>();
        for (ArchivedObject o : objects) {
            try (RecordReader reader = new RawFormat().open(o, aws.s3().getObject(r -> r.bucket(bucket).key(o.key())))) {
                for (ArchiveRecord r; (r = reader.next()) != null; ) {
                    String json = new String(r.payload(), StandardCharsets.UTF_8);
                    String key = PartitionKeys.fieldValue(r.payload(), "resource").orElseThrow();
                    byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(json);
                }
            }
        }
        return byKey;
    }

    private static int index(String json) {
        Matcher m = I.matcher(json);
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static String bucketOf(String stream) {
        return stream.toLowerCase() + "-bucket";
    }

    private JavaProcess startConsumer(Path props) {
        return JavaProcess.jar(CONSUMER_JAR).args("--properties", props.toString())
                .env("LOG_DIR", props.getParent().resolve("logs").toString())
                .workDir(props.getParent())
                .start();
    }

    /** The consumer's archiver with KCL timings short enough for a test; batches of at most 1000 bytes. */
    private Path properties(Path where, String stream, String compression, String timePrefix) {
        Map<String, String> settings = ArchiveFixture.archiver(stream);
        settings.put("s3.bucket", bucketOf(stream));
        settings.put("maxBufferSize", "1000");
        settings.put("maxBufferAgeMillis", "1000");
        settings.put("statusIntervalMillis", "1000");
        settings.put("compression", compression);
        settings.put("s3.timePrefix", timePrefix);
        return ArchiveFixture.properties(where.resolve("consumer.properties"), aws, settings);
    }
}
