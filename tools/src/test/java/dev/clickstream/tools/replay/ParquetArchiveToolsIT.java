package dev.clickstream.tools.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.testsupport.JavaProcess;
import dev.clickstream.testsupport.LocalAws;
import dev.clickstream.testsupport.LocalStackExtension;
import dev.clickstream.testsupport.Poll;
import dev.clickstream.testsupport.StreamContents;
import dev.clickstream.tools.ArchiveFixture;
import dev.clickstream.tools.ToolsJar;
import dev.clickstream.tools.ToolsJar.Run;
import dev.clickstream.tools.archive.ArchiveRecord;
import dev.clickstream.tools.archive.ArchivedObject;
import dev.clickstream.tools.archive.ObjectFormats;
import dev.clickstream.tools.archive.RecordReader;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A Parquet archive partitioned by resource, written by the real consumer.jar (one batch fans out
 * into one object per resource, records that are no click event go to the error prefix):
 * verify-archive passes it in both modes, counting the error records apart and not as lost, and
 * replay puts every archived record back into a new stream under the partition key the archive kept.
 */
@ExtendWith(LocalStackExtension.class)
class ParquetArchiveToolsIT {
    private static final Path CONSUMER_JAR = Path.of(System.getProperty("consumerJar", "../consumer/target/consumer.jar"));
    private static final Duration ARCHIVE_DEADLINE = Duration.ofSeconds(150);
    private static final int RECORDS = 300;
    /** Records that cannot become rows, two a call: one not JSON, one with a field of the wrong type. */
    private static final int BAD = 6;

    @TempDir
    Path dir;

    private final LocalAws aws;

    ParquetArchiveToolsIT(LocalAws aws) {
        this.aws = aws;
    }

    @Test
    void aPartitionedParquetArchiveVerifiesAndReplaysEveryRecordWithItsPartitionKey() throws Exception {
        String source = LocalAws.uniqueName("parquet");
        String target = LocalAws.uniqueName("parquet-replayed");
        String bucket = source.toLowerCase() + "-bucket";
        Path props = properties(source, bucket);
        aws.createStream(source, 2);
        List<String> put = new ArrayList<>();
        Map<String, String> lastSequence = put(source, put);

        try (JavaProcess consumer = JavaProcess.jar(CONSUMER_JAR).args("--properties", props.toString())
                .env("LOG_DIR", dir.resolve("logs").toString()).workDir(dir).start()) {
            try {
                Poll.until(ARCHIVE_DEADLINE, "the archive holds every record, checkpointed",
                        () -> archived(bucket).size() == RECORDS && checkpointed(source + "-app", lastSequence));
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError("not archived; the consumer: " + consumer.describe(), e);
            }
            consumer.terminate();
            consumer.awaitExit(Duration.ofSeconds(60));
        }
        assertThat(aws.s3().listObjectsV2Paginator(r -> r.bucket(bucket)).contents().stream().map(S3Object::key))
                .as("fanned out by resource").anyMatch(k -> k.startsWith("resource=%2Fpage0/"))
                .anyMatch(k -> k.startsWith("resource=%2Fpage4/"));
        assertThat(aws.s3().listObjectsV2Paginator(r -> r.bucket(bucket).prefix("errors/")).contents())
                .as("the bad records' objects").isNotEmpty();

        // what the archiver puts under the error prefix is no archive object, though s3.prefix is empty,
        // and its records are accounted for, not lost
        for (List<String> mode : List.of(List.<String>of(), List.of("--stream"))) {
            List<String> args = new ArrayList<>(List.of("verify-archive", "--properties", props.toString()));
            args.addAll(mode);
            Run verify = ToolsJar.run("", args);
            assertThat(verify.exitCode()).as(verify.describe()).isZero();
            assertThat(verify.stdout()).contains("0 duplicate records").contains("Consistent:")
                    .contains(RECORDS + " records, 2 shards, " + BAD + " records in errors/")
                    .containsPattern("in errors/: \\d+");
            if (!mode.isEmpty()) {
                assertThat(verify.stdout()).contains("0 lost").doesNotContain("problem:");
            }
        }

        Run replay = ToolsJar.run("", List.of("replay", "--properties", props.toString(), "--to-stream", target,
                "--state", dir.resolve("replay.state").toString()));
        assertThat(replay.exitCode()).as(replay.describe()).isZero();
        assertThat(replay.stdout()).contains("acknowledged " + RECORDS).contains("failed 0")
                .contains("partition keys: " + RECORDS + " from the archive");

        List<String> replayed = StreamContents.readAll(aws.kinesis(), target).stream()
                .map(r -> r.partitionKey() + " " + r.data().asUtf8String()).toList();
        assertThat(replayed).containsExactlyInAnyOrderElementsOf(put);
    }

    /** Click events keyed "k<i>", not by resource, so a replayed key can only come from the archive. */
    private Map<String, String> put(String stream, List<String> put) {
        Map<String, String> last = new HashMap<>();
        for (int call = 0; call < RECORDS / 100; call++) {
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            entries.add(PutRecordsRequestEntry.builder().partitionKey("bad" + call)
                    .data(SdkBytes.fromString("not json " + call, StandardCharsets.UTF_8)).build());
            entries.add(PutRecordsRequestEntry.builder().partitionKey("wrong" + call)
                    .data(SdkBytes.fromString("{\"resource\":" + call + "}", StandardCharsets.UTF_8)).build());
            for (int i = call * 100; i < (call + 1) * 100; i++) {
                String json = "{\"resource\":\"/page" + (i % 5) + "\",\"referrer\":\"http://r" + (i % 3) + "\"}";
                entries.add(PutRecordsRequestEntry.builder().partitionKey("k" + i)
                        .data(SdkBytes.fromString(json, StandardCharsets.UTF_8)).build());
                put.add("k" + i + " " + json);
            }
            List<PutRecordsResultEntry> results = aws.kinesis()
                    .putRecords(r -> r.streamName(stream).records(entries)).records();
            for (PutRecordsResultEntry e : results) {
                assertThat(e.errorCode()).isNull();
                last.merge(e.shardId(), e.sequenceNumber(),
                        (a, b) -> new BigInteger(a).compareTo(new BigInteger(b)) >= 0 ? a : b);
            }
        }
        return last;
    }

    private boolean checkpointed(String table, Map<String, String> lastSequence) {
        Map<String, String> checkpoints = new HashMap<>();
        for (Map<String, AttributeValue> l : aws.dynamoDb().scan(r -> r.tableName(table)).items()) {
            checkpoints.put(l.get("leaseKey").s(), l.get("checkpoint").s());
        }
        return lastSequence.entrySet().stream().allMatch(e -> e.getValue().equals(checkpoints.get(e.getKey())));
    }

    private List<ArchiveRecord> archived(String bucket) throws IOException {
        List<ArchiveRecord> rows = new ArrayList<>();
        if (aws.s3().listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket))) {
            return rows;
        }
        for (S3Object s : aws.s3().listObjectsV2Paginator(r -> r.bucket(bucket)).contents()) {
            if (s.key().startsWith("errors/")) {
                continue;
            }
            ArchivedObject o = ArchivedObject.parse(s.key(), "").orElseThrow();
            try (RecordReader reader = ObjectFormats.of(o.encoding())
                    .open(o, aws.s3().getObject(r -> r.bucket(bucket).key(o.key())))) {
                for (ArchiveRecord r; (r = reader.next()) != null; ) {
                    rows.add(r);
                }
            }
        }
        return rows;
    }

    private Path properties(String stream, String bucket) {
        Map<String, String> settings = ArchiveFixture.archiver(stream);
        settings.put("statusIntervalMillis", "1000");
        settings.put("s3.bucket", bucket);
        settings.put("s3.format", "PARQUET");
        settings.put("s3.schema", "click");
        settings.put("s3.partitionBy", "resource");
        // several batches per shard, each fanned out over the five resources
        settings.put("parquet.maxBufferSize", "3000");
        settings.put("parquet.maxBufferAgeMillis", "1000");
        return ArchiveFixture.properties(dir.resolve("consumer.properties"), aws, settings);
    }
}
