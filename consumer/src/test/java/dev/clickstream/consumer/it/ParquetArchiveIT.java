package dev.clickstream.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.archive.rows.ArchiveRow;
import dev.clickstream.testsupport.JavaProcess;
import dev.clickstream.testsupport.LocalAws;
import dev.clickstream.testsupport.LocalStackExtension;
import dev.clickstream.testsupport.Poll;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * consumer.jar, in its own JVM, archives click events as partitioned Parquet (no Hadoop class in
 * the jar), while a second consumer archives the same stream raw; DuckDB, an independent reader,
 * finds every good record once, the same rows as the raw archive, partition values that match
 * each row's own field and arrival time, and the bad records under the error prefix.
 */
@ExtendWith(LocalStackExtension.class)
class ParquetArchiveIT {
    /** Values that need Hive escaping, a missing value and an empty one. */
    private static final List<String> RESOURCES = List.of("resource-1", "a/b c", "50%=#", "é", "", "resource-2");
    private static final String TIME = "'dt='yyyy-MM-dd/'hour='HH/'second='mm-ss/";

    @TempDir
    Path dir;

    @Test
    void partitionedParquetHoldsEveryRecordOnceAsTheRawArchiveDoes(LocalAws aws) throws Exception {
        try (JarFile jar = new JarFile(ConsumerFixture.JAR.toFile())) {
            assertThat(jar.stream().filter(e -> e.getName().startsWith("org/apache/hadoop"))).as("Hadoop in consumer.jar")
                    .isEmpty();
            assertThat(jar.getEntry("org/apache/parquet/hadoop/ParquetWriter.class")).isNotNull();
        }
        ConsumerFixture parquet = new ConsumerFixture(aws, "parquet").set("s3.prefix", "clicks/")
                .set("s3.format", "PARQUET").set("s3.partitionBy", "resource").set("s3.timePrefix", TIME)
                .set("parquet.maxBufferAgeMillis", "2500").set("parquet.maxBufferSize", "1048576");
        ConsumerFixture raw = new ConsumerFixture(aws, "parquet-raw").set("streamName", parquet.stream);
        aws.createStream(parquet.stream, 2);

        List<StreamWriter.Written> good = new ArrayList<>();
        List<StreamWriter.Written> bad = new ArrayList<>();
        StreamWriter writer = parquet.writer();
        // four rounds a second apart, so that batches span several seconds of the time prefix
        for (int round = 0; round < 4; round++) {
            List<byte[]> events = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String resource = RESOURCES.get(i % RESOURCES.size());
                events.add((i % 13 == 0 ? "{\"referrer\":\"http://reddit.com\"}" : "{\"resource\":\"" + resource
                        + "\",\"referrer\":\"http://www.amazon.com/" + round + "\"}").getBytes(StandardCharsets.UTF_8));
            }
            good.addAll(writer.put(events));
            bad.addAll(writer.put(List.of("not json".getBytes(StandardCharsets.UTF_8),
                    "{\"resource\":7,\"referrer\":\"x\"}".getBytes(StandardCharsets.UTF_8))));
            Thread.sleep(1000); // pacing the producer, not synchronising the test
        }
        List<StreamWriter.Written> all = new ArrayList<>(good);
        all.addAll(bad);

        try (JavaProcess p = parquet.startJar(dir.resolve("parquet")); JavaProcess r = raw.startJar(dir.resolve("raw"))) {
            Poll.until(ConsumerFixture.ARCHIVE_DEADLINE, "both consumers checkpointed every record",
                    () -> parquet.checkpointedAll(all) && raw.checkpointedAll(all));
            p.awaitStdoutLine(java.util.regex.Pattern.compile(".*\\| errors 8($| .*)"), Duration.ofSeconds(30));
            p.terminate();
            r.terminate();
            p.awaitExit(Duration.ofSeconds(40));
            r.awaitExit(Duration.ofSeconds(40));
        }

        ParquetArchive archive = new ParquetArchive(aws.s3(), parquet.bucket, "clicks/", "errors/");
        Path root = archive.download(dir.resolve("objects"));
        String glob = root.toString() + "/**/*.parquet";
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
            long rows = single(sql, "SELECT count(*) FROM read_parquet('" + glob + "', hive_partitioning = false)");
            assertThat(rows).as("rows DuckDB reads").isEqualTo(good.size());
            assertThat(single(sql, "SELECT count(DISTINCT (shard_id, sequence_number, sub_sequence_number)) FROM "
                    + "read_parquet('" + glob + "', hive_partitioning = false)")).isEqualTo(rows);

            // the rows, as a multiset, are the raw archive's records (which ArchiveChecker holds to the stream)
            raw.archive().check(all);
            assertThat(fileRows(sql, glob)).containsExactlyInAnyOrderElementsOf(rawRows(raw, good));

            // hive_partitioning's values are each row's own resource and UTC arrival time
            Map<String, String> fromPath = pathRows(sql, glob);
            Map<String, String> fromFile = new HashMap<>();
            try (ResultSet rs = sql.executeQuery("SELECT filename, sequence_number, resource, epoch_ms(arrival) "
                    + "FROM read_parquet('" + glob + "', hive_partitioning = false, filename = true)")) {
                while (rs.next()) {
                    Instant arrival = Instant.ofEpochMilli(rs.getLong(4));
                    fromFile.put(rs.getString(1) + "|" + rs.getString(2), value(rs.getString(3)) + "|"
                            + DateTimeFormatter.ofPattern("yyyy-MM-dd|H|mm-ss").withZone(ZoneOffset.UTC).format(arrival));
                }
            }
            assertThat(fromPath).hasSize(good.size()).isEqualTo(fromFile);
            assertThat(fromPath.values().stream().map(v -> v.substring(0, v.indexOf('|'))).distinct())
                    .containsExactlyInAnyOrder("resource-1", "a/b c", "50%=#", "é", "(null)", "resource-2");
        }
        assertThat(archive.keys()).anyMatch(k -> k.startsWith("clicks/resource=a%2Fb%20c/dt="))
                .anyMatch(k -> k.startsWith("clicks/resource=50%25%3D%23/"))
                .anyMatch(k -> k.startsWith("clicks/resource=%C3%A9/"))
                .anyMatch(k -> k.startsWith("clicks/resource=__HIVE_DEFAULT_PARTITION__/"))
                .allMatch(k -> k.length() <= 1024 && !k.contains("//"));
        String someKey = archive.keys().stream().filter(k -> k.endsWith(".parquet")).findFirst().orElseThrow();
        assertThat(aws.s3().headObject(h -> h.bucket(parquet.bucket).key(someKey)).contentType())
                .isEqualTo("application/vnd.apache.parquet");

        // the bad records, as they came, under the error prefix by reason
        assertThat(archive.errorLines()).containsExactlyInAnyOrderElementsOf(bad.stream()
                .map(w -> (w.data()[0] == '{' ? "wrong-type" : "not-json") + ":" + w.shardId() + ":"
                        + new String(w.data(), StandardCharsets.UTF_8)).toList());
        // and the archive module's reader agrees with DuckDB
        Map<String, List<ArchiveRow>> byKey = archive.rowsByKey();
        assertThat(byKey.values().stream().mapToInt(List::size).sum()).isEqualTo(good.size());
        assertThat(ParquetArchive.duplicates(byKey)).isZero();
    }

    private static long single(Statement sql, String query) throws Exception {
        try (ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String value(String s) {
        return s == null || s.isEmpty() ? "(null)" : s;
    }

    private static List<String> fileRows(Statement sql, String glob) throws Exception {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = sql.executeQuery("SELECT shard_id, sequence_number, resource, referrer FROM read_parquet('"
                + glob + "', hive_partitioning = false)")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + value(rs.getString(3)) + " " + rs.getString(4));
            }
        }
        return rows;
    }

    /** Row keys (file and sequence number) to the path's resource, date, hour and second. */
    private static Map<String, String> pathRows(Statement sql, String glob) throws Exception {
        Map<String, String> rows = new HashMap<>();
        try (ResultSet rs = sql.executeQuery("SELECT filename, sequence_number, resource, CAST(dt AS VARCHAR), "
                + "CAST(hour AS INTEGER), second FROM read_parquet('" + glob + "', hive_partitioning = true, filename = true)")) {
            while (rs.next()) {
                // DuckDB shows Hive's default partition as it is named; Hive, Spark and Athena read it as null
                String resource = "__HIVE_DEFAULT_PARTITION__".equals(rs.getString(3)) ? null : rs.getString(3);
                rows.put(rs.getString(1) + "|" + rs.getString(2), value(resource) + "|" + rs.getString(4) + "|"
                        + rs.getInt(5) + "|" + rs.getString(6));
            }
        }
        return rows;
    }

    /** The given records as the raw archive holds them, with their shard and sequence number, parsed as DuckDB shows them. */
    private static List<String> rawRows(ConsumerFixture raw, Collection<StreamWriter.Written> all) {
        Map<String, StreamWriter.Written> bySequence = all.stream()
                .collect(Collectors.toMap(StreamWriter.Written::sequenceNumber, w -> w));
        List<String> rows = new ArrayList<>();
        for (ArchiveChecker.ArchivedObject o : raw.archive().objects()) {
            // the checker has held each object to the records between its first and last sequence numbers
            for (StreamWriter.Written w : bySequence.values()) {
                java.math.BigInteger seq = new java.math.BigInteger(w.sequenceNumber());
                if (w.shardId().equals(o.shardId()) && seq.compareTo(o.first()) >= 0 && seq.compareTo(o.last()) <= 0) {
                    String text = new String(w.data(), StandardCharsets.UTF_8);
                    {
                        String resource = text.contains("\"resource\"")
                                ? text.replaceAll(".*\"resource\":\"([^\"]*)\".*", "$1") : null;
                        String referrer = text.replaceAll(".*\"referrer\":\"([^\"]*)\".*", "$1");
                        rows.add(w.shardId() + " " + w.sequenceNumber() + " " + value(resource) + " " + referrer);
                    }
                }
            }
        }
        return rows;
    }
}
