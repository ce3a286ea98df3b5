package dev.clickstream.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.archive.layout.ArchiveKey;
import dev.clickstream.archive.rows.ArchiveRow;
import dev.clickstream.consumer.kcl.HaltAfterPutObject;
import dev.clickstream.testsupport.JavaProcess;
import dev.clickstream.testsupport.LocalAws;
import dev.clickstream.testsupport.LocalStackExtension;
import dev.clickstream.testsupport.Poll;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once, per partition: a batch fans out into one Parquet object per partition; the
 * consumer halts after k of a batch's n objects reached S3 and before the checkpoint; the next
 * consumer writes the batch's whole set again under the same names. No row is in two objects and
 * no object is left over, with batches cut by size and by record time.
 */
@ExtendWith(LocalStackExtension.class)
class PartitionedExactlyOnceIT {
    /** Halt after the second object: a batch here spans at least three partitions. */
    private static final int K = 2;
    private static final List<String> RESOURCES = List.of("r-0", "r-1", "r-2", "r-3");

    @TempDir
    Path dir;

    private static ConsumerFixture parquet(LocalAws aws, String name) {
        return new ConsumerFixture(aws, name).set("s3.prefix", "clicks/").set("s3.format", "PARQUET")
                .set("s3.partitionBy", "resource").set("s3.timePrefix", "'dt='yyyy-MM-dd/'hour='HH/");
    }

    private static List<byte[]> clicks(String tag, int count) {
        List<byte[]> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(("{\"resource\":\"" + RESOURCES.get(i % RESOURCES.size()) + "\",\"referrer\":\"" + tag + "-" + i
                    + "\"}").getBytes(StandardCharsets.UTF_8));
        }
        return events;
    }

    @Test
    void sizeCutsGiveEveryRowExactlyOneObjectAfterACrashMidBatch(LocalAws aws) {
        ConsumerFixture f = parquet(aws, "pq-once-size").set("parquet.maxBufferAgeMillis", "0")
                .set("parquet.maxBufferSize", "2048").set("maxRecords", "100");
        aws.createStream(f.stream, 2);
        List<StreamWriter.Written> written = new ArrayList<>(f.writer().put(clicks("size", 800)));
        // each shard ends with a record larger than the buffer (its resource is cut in the key), so
        // its last batch is cut by size too and the run ends at a checkpoint
        byte[] large = ("{\"resource\":\"" + "x".repeat(3000) + "\",\"referrer\":\"large\"}").getBytes(StandardCharsets.UTF_8);
        Set<String> closed = new HashSet<>();
        while (closed.size() < 2) {
            List<StreamWriter.Written> one = f.writer().put(List.of(large));
            written.addAll(one);
            closed.add(one.get(0).shardId());
        }

        crashMidBatch(f);
        try (JavaProcess second = f.startJar(dir.resolve("second"))) {
            Poll.until(ConsumerFixture.ARCHIVE_DEADLINE, "the second consumer checkpointed every record",
                    () -> f.checkpointedAll(written));
            second.terminate();
            second.awaitExit(Duration.ofSeconds(40));
        }
        assertExactlyOnce(f, written);
    }

    @Test
    void recordTimeCutsGiveEveryRowExactlyOneObjectAfterACrashMidBatchWhileRecordsArrive(LocalAws aws)
            throws Exception {
        ConsumerFixture f = parquet(aws, "pq-once-time").set("parquet.maxBufferAgeMillis", "1000")
                .set("parquet.maxBufferSize", "1048576");
        aws.createStream(f.stream, 2);
        List<StreamWriter.Written> all;
        try (Trickle trickle = new Trickle(f.writer(), i -> clicks("time-" + i, 12))) {
            crashMidBatch(f);
            try (JavaProcess second = f.startJar(dir.resolve("second"))) {
                Poll.until(ConsumerFixture.ARCHIVE_DEADLINE, "the second consumer archived objects after the crash",
                        () -> f.archive().objectCount() >= 24);
                all = trickle.stop();
                Poll.until(ConsumerFixture.ARCHIVE_DEADLINE, "the second consumer checkpointed every record",
                        () -> f.checkpointedAll(all));
                second.terminate();
                second.awaitExit(Duration.ofSeconds(40));
            }
        }
        assertExactlyOnce(f, all);
    }

    private static void assertExactlyOnce(ConsumerFixture f, List<StreamWriter.Written> written) {
        Map<String, List<ArchiveRow>> rows = new ParquetArchive(f.aws.s3(), f.bucket, "clicks/", "errors/").rowsByKey();
        assertThat(rows.size()).as("objects").isGreaterThan(4);
        assertThat(ParquetArchive.duplicates(rows)).as("rows in more than one object (or in a left-over object)")
                .isZero();
        assertThat(rows.values().stream().flatMap(List::stream).map(r -> r.shardId() + "/" + r.sequenceNumber())
                .collect(Collectors.toSet()))
                .isEqualTo(written.stream().map(w -> w.shardId() + "/" + w.sequenceNumber()).collect(Collectors.toSet()));
        // every object holds exactly the rows its name says: its first and last row, its partition
        rows.forEach((key, list) -> {
            ArchiveKey parsed = ArchiveKey.parse("clicks/", key).orElseThrow();
            assertThat(list.get(0).sequenceNumber()).isEqualTo(parsed.first().sequenceNumber());
            assertThat(list.get(list.size() - 1).sequenceNumber()).isEqualTo(parsed.last().sequenceNumber());
            assertThat(list).allMatch(r -> r.shardId().equals(parsed.shardId()));
        });
    }

    /** Runs a consumer that halts after its K-th PutObject, and checks it left objects not checkpointed. */
    private void crashMidBatch(ConsumerFixture f) {
        try (JavaProcess first = JavaProcess.jar(ConsumerFixture.JAR)
                .jvmArgs("-D" + HaltAfterPutObject.PROPERTY + "=" + K)
                .args("--properties", f.propertiesFile(dir.resolve("first")).toString())
                .env("LOG_DIR", dir.resolve("first/logs").toString()).workDir(dir.resolve("first")).start()) {
            assertThat(first.awaitExit(ConsumerFixture.ARCHIVE_DEADLINE)).as("exit status of the halted consumer")
                    .isEqualTo(HaltAfterPutObject.STATUS);
        }
        List<String> keys = new ParquetArchive(f.aws.s3(), f.bucket, "clicks/", "errors/").keys();
        Map<String, LeaseTable.Lease> leases = f.leases().leases();
        assertThat(keys).as("objects in S3 when the consumer halted").hasSizeGreaterThanOrEqualTo(K);
        assertThat(keys).as("an object in S3 whose rows are not checkpointed").anyMatch(key -> {
            ArchiveKey o = ArchiveKey.parse("clicks/", key).orElseThrow();
            LeaseTable.Lease lease = leases.get(o.shardId());
            return lease == null || !lease.checkpoint().matches("\\d+")
                    || new BigInteger(lease.checkpoint()).compareTo(new BigInteger(o.last().sequenceNumber())) < 0;
        });
    }
}
