package dev.clickstream.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.common.counts.ReferrerCount;
import dev.clickstream.common.event.ClickEvent;
import dev.clickstream.common.event.ClickEventCodec;
import dev.clickstream.testsupport.JavaProcess;
import dev.clickstream.testsupport.LocalAws;
import dev.clickstream.testsupport.LocalStackExtension;
import dev.clickstream.testsupport.Poll;
import dev.clickstream.testsupport.StreamContents;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.kinesis.retrieval.AggregatorUtil;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * producer.jar with aggregation on, then consumer.jar: far fewer Kinesis records in the stream,
 * every user record archived once as its own line, and the counter counting user records.
 */
@ExtendWith(LocalStackExtension.class)
class AggregatedInputIT {
    static final Path PRODUCER_JAR = Path.of(System.getProperty("producerJar", "../producer/target/producer.jar"));
    static final int EVENTS = 10_000;

    @TempDir
    Path dir;

    /** A user record as the KCL hands it over, with the shard it was read from. */
    record UserRecord(String shardId, String sequenceNumber, long subSequenceNumber, byte[] data) {}

    @Test
    void archivesEachUserRecordOnceAsItsOwnLineUnderKeysOfKinesisSequenceNumbers(LocalAws aws) throws Exception {
        ConsumerFixture f = new ConsumerFixture(aws, "agg-archive").set("maxBufferSize", "65536");
        List<Record> kinesisRecords = produceAggregated(aws, f.stream, dir.resolve("producer"));
        assertThat(kinesisRecords.size() * 10).as("Kinesis records in the stream, x10").isLessThanOrEqualTo(EVENTS);
        List<UserRecord> users = deaggregate(aws.kinesis(), f.stream);
        assertThat(users).hasSize(EVENTS);

        try (JavaProcess consumer = f.startJar(dir.resolve("consumer"))) {
            consumer.awaitStdoutLine(Pattern.compile("^consumer: running"), Duration.ofSeconds(30));
            Poll.until(ConsumerFixture.ARCHIVE_DEADLINE, "all " + EVENTS + " lines archived",
                    () -> f.archive().objects().stream().mapToLong(o -> lines(o.body())).sum() >= EVENTS);
            consumer.terminate();
            consumer.awaitExit(Duration.ofSeconds(40));
        }

        Map<String, List<Record>> byShard = StreamContents.byShard(aws.kinesis(), f.stream);
        Map<String, List<ArchiveChecker.ArchivedObject>> objects = f.archive().objects().stream()
                .sorted(Comparator.comparing(ArchiveChecker.ArchivedObject::first)
                        .thenComparing(ArchiveChecker.ArchivedObject::last))
                .collect(Collectors.groupingBy(ArchiveChecker.ArchivedObject::shardId, TreeMap::new, Collectors.toList()));
        for (Map.Entry<String, List<ArchiveChecker.ArchivedObject>> shard : objects.entrySet()) {
            List<String> sequences = byShard.get(shard.getKey()).stream().map(Record::sequenceNumber).toList();
            ByteArrayOutputStream archived = new ByteArrayOutputStream();
            for (ArchiveChecker.ArchivedObject o : shard.getValue()) {
                assertThat(sequences).as("first and last of %s are Kinesis sequence numbers of its shard", o.key())
                        .contains(o.first().toString(), o.last().toString());
                archived.writeBytes(o.body());
            }
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            users.stream().filter(u -> u.shardId().equals(shard.getKey())).forEach(u -> {
                expected.writeBytes(u.data());
                expected.write('\n');
            });
            assertThat(archived.toString()).as("the objects of %s, in key order: each user record once, one per line",
                    shard.getKey()).isEqualTo(expected.toString());
        }
        assertThat(objects.keySet()).as("shards archived").isEqualTo(byShard.keySet());
    }

    @Test
    void parquetHasOneRowPerUserRecordThatDuckDbReads(LocalAws aws) throws Exception {
        // small batches, so that aggregates are split across batches and their partitions
        ConsumerFixture f = new ConsumerFixture(aws, "agg-parquet").set("s3.format", "PARQUET")
                .set("s3.prefix", "clicks/").set("s3.partitionBy", "resource")
                .set("parquet.maxBufferSize", "65536").set("parquet.maxBufferAgeMillis", "1000");
        produceAggregated(aws, f.stream, dir.resolve("producer"));
        List<UserRecord> users = deaggregate(aws.kinesis(), f.stream);
        ParquetArchive archive = new ParquetArchive(aws.s3(), f.bucket, "clicks/", "errors/");

        try (JavaProcess consumer = f.startJar(dir.resolve("consumer"))) {
            Poll.until(ConsumerFixture.ARCHIVE_DEADLINE, "all " + EVENTS + " rows archived",
                    () -> archive.rowsByKey().values().stream().mapToInt(List::size).sum() >= EVENTS);
            consumer.terminate();
            consumer.awaitExit(Duration.ofSeconds(40));
        }

        String glob = archive.download(dir.resolve("objects")) + "/**/*.parquet";
        List<String> rows = new ArrayList<>();
        try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:duckdb:");
             java.sql.Statement sql = db.createStatement();
             java.sql.ResultSet rs = sql.executeQuery("SELECT shard_id, sequence_number, sub_sequence_number, resource, "
                     + "referrer FROM read_parquet('" + glob + "', hive_partitioning = false)")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getLong(3) + " " + rs.getString(4) + " "
                        + rs.getString(5));
            }
        }
        assertThat(rows).as("one row per user record, each once").hasSize(EVENTS).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(users.stream().map(u -> {
                    ClickEvent e = ClickEventCodec.parse(u.data()).orElseThrow();
                    return u.shardId() + " " + u.sequenceNumber() + " " + u.subSequenceNumber() + " " + e.resource()
                            + " " + e.referrer();
                }).toList());
    }

    @Test
    void theCounterCountsUserRecords(LocalAws aws) throws Exception {
        String table = LocalAws.uniqueName("agg-counts");
        ConsumerFixture f = new ConsumerFixture(aws, "agg-counter")
                .counting(table, Duration.ofSeconds(600));
        produceAggregated(aws, f.stream, dir.resolve("producer"));
        Map<String, Map<String, Long>> expected = new TreeMap<>();
        for (UserRecord u : deaggregate(aws.kinesis(), f.stream)) {
            ClickEvent e = ClickEventCodec.parse(u.data()).orElseThrow();
            expected.computeIfAbsent(e.resource(), r -> new TreeMap<>()).merge(e.referrer(), 1L, Long::sum);
        }
        assertThat(expected.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum())
                .isEqualTo(EVENTS);

        try (JavaProcess counter = f.startJar(dir.resolve("consumer"))) {
            counter.awaitStdoutLine(Pattern.compile("^consumer: running"), Duration.ofSeconds(30));
            for (Map.Entry<String, Map<String, Long>> resource : expected.entrySet()) {
                Poll.until(ConsumerFixture.ARCHIVE_DEADLINE, "the counts of " + resource.getKey(),
                        () -> asMap(ReferrerCounterJarIT.latestCounts(aws, table, resource.getKey()))
                                .equals(resource.getValue()));
            }
            counter.terminate();
            counter.awaitExit(Duration.ofSeconds(40));
        }
    }

    /** Runs producer.jar for {@link #EVENTS} events, aggregated, and returns the Kinesis records the stream then holds. */
    static List<Record> produceAggregated(LocalAws aws, String stream, Path workDir) throws Exception {
        java.nio.file.Files.createDirectories(workDir);
        JavaProcess producer = JavaProcess.jar(PRODUCER_JAR)
                .args("--kinesis-endpoint", aws.endpoints().kinesis().toString(),
                        "--aws-credentials-provider", LocalAws.CREDENTIALS_SPEC,
                        "--wait-between-describe-calls-in-seconds", "1",
                        "--stream", stream, "--shards", "2", "--count", String.valueOf(EVENTS),
                        "--put-records-tps", "0", "--records-to-write-per-batch", "500",
                        "--progress-interval", "0", "--seed", "14", "--aggregation")
                .env("LOG_DIR", workDir.resolve("logs").toString())
                .workDir(workDir)
                .run(Duration.ofSeconds(120));
        assertThat(producer.exitCode()).as("producer exit; stdout %s stderr %s", producer.stdout(), producer.stderr())
                .isZero();
        assertThat(producer.stdout()).containsPattern("acknowledged " + EVENTS + ", .*; \\d+ Kinesis records");
        return StreamContents.readAll(aws.kinesis(), stream);
    }

    /** The user records of the stream, de-aggregated by the KCL against each shard's hash range. */
    static List<UserRecord> deaggregate(KinesisClient kinesis, String stream) {
        List<UserRecord> users = new ArrayList<>();
        Map<String, Shard> shards = kinesis.listShards(r -> r.streamName(stream)).shards().stream()
                .collect(Collectors.toMap(Shard::shardId, s -> s, (a, b) -> a, LinkedHashMap::new));
        for (Map.Entry<String, List<Record>> shard : StreamContents.byShard(kinesis, stream).entrySet()) {
            Shard s = shards.get(shard.getKey());
            List<KinesisClientRecord> records = shard.getValue().stream().map(KinesisClientRecord::fromRecord).toList();
            for (KinesisClientRecord r : new AggregatorUtil().deaggregate(records,
                    new BigInteger(s.hashKeyRange().startingHashKey()), new BigInteger(s.hashKeyRange().endingHashKey()))) {
                ByteBuffer data = r.data().duplicate();
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                users.add(new UserRecord(shard.getKey(), r.sequenceNumber(), r.subSequenceNumber(), bytes));
            }
        }
        return users;
    }

    private static long lines(byte[] body) {
        long n = 0;
        for (byte b : body) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }

    private static Map<String, Long> asMap(List<ReferrerCount> counts) {
        return counts.stream().collect(Collectors.toMap(ReferrerCount::referrer, ReferrerCount::count, (a, b) -> a,
                TreeMap::new));
    }
}
