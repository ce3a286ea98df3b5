package dev.clickstream.consumer.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.archive.layout.ArchiveFormat;
import dev.clickstream.archive.layout.Compression;
import dev.clickstream.archive.layout.TimePrefix;
import dev.clickstream.archive.parquet.ParquetObjectReader;
import dev.clickstream.archive.rows.ArchiveRow;
import dev.clickstream.archive.rows.RowSchema;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchSplitterTest {
    private static final String SHARD = "shardId-000000000000";
    private static final long BEFORE_FIVE = Instant.parse("2026-12-06T04:59:59.999Z").toEpochMilli();
    private static final long AT_FIVE = Instant.parse("2026-12-06T05:00:00Z").toEpochMilli();

    private static ArchiverSettings settings(ArchiveFormat format, List<String> partitionBy, String timePrefix) {
        ArchiveOutput output = new ArchiveOutput(format, RowSchema.CLICK, ArchiveOutput.ParquetCodec.ZSTD, 1 << 20,
                0, partitionBy, "errors/", "");
        return new ArchiverSettings("bucket", false, 1 << 20, 0, 2, "clicks/", TimePrefix.parse(timePrefix),
                Compression.NONE, output);
    }

    private static Batch batch(String... lines) {
        RecordBuffer buffer = new RecordBuffer(1 << 20, 0, true);
        int seq = 100;
        for (String line : lines) {
            long arrival = seq < 102 ? BEFORE_FIVE : AT_FIVE;
            buffer.add(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)), Integer.toString(seq), seq == 103 ? 1 : 0,
                    "pk-" + seq, arrival, 0);
            seq++;
        }
        return buffer.drain();
    }

    private static final String A = "{\"resource\":\"a/b c\",\"referrer\":\"http://www.amazon.com\"}";
    private static final String B = "{\"resource\":\"b\",\"referrer\":\"http://reddit.com\"}";

    @Test
    void aBatchSpanningAnHourIsSplitByEachRecordsOwnArrivalAndByPartition() throws Exception {
        BatchSplitter splitter = new BatchSplitter(settings(ArchiveFormat.PARQUET, List.of("resource"),
                "'dt='yyyy-MM-dd/'hour='HH/"));

        List<ArchiveObject> objects = splitter.split(SHARD, batch(A, B, A, A, "not json", "{\"resource\":1}"));

        assertThat(objects).extracting(ArchiveObject::key).containsExactly(
                "clicks/resource=a%2Fb%20c/dt=2026-12-06/hour=04/" + SHARD + "/100-100.parquet",
                "clicks/resource=b/dt=2026-12-06/hour=04/" + SHARD + "/101-101.parquet",
                "clicks/resource=a%2Fb%20c/dt=2026-12-06/hour=05/" + SHARD + "/102-103_1.parquet",
                "errors/not-json/" + SHARD + "/104-104",
                "errors/wrong-type/" + SHARD + "/105-105");
        assertThat(objects).extracting(ArchiveObject::contentType).startsWith("application/vnd.apache.parquet");
        List<ArchiveRow> rows = new ParquetObjectReader().read(bytes(objects.get(2)));
        assertThat(rows).extracting(ArchiveRow::sequenceNumber, ArchiveRow::subSequenceNumber, ArchiveRow::partitionKey)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("102", 0L, "pk-102"),
                        org.assertj.core.groups.Tuple.tuple("103", 1L, "pk-103"));
        assertThat(rows.get(0).fields()).containsEntry("resource", "a/b c").containsEntry("referrer", "http://www.amazon.com");
        assertThat(rows.get(0).arrivalMillis()).isEqualTo(AT_FIVE);
        assertThat(new String(bytes(objects.get(3)), StandardCharsets.UTF_8)).isEqualTo("not json\n");
        assertThat(objects).extracting(ArchiveObject::records).containsExactly(1, 1, 2, 1, 1);
    }

    @Test
    void theSameBatchGivesTheSameObjects() {
        BatchSplitter splitter = new BatchSplitter(settings(ArchiveFormat.PARQUET, List.of("resource"), ""));

        assertThat(splitter.split(SHARD, batch(A, B, A)).stream().map(ArchiveObject::key))
                .containsExactlyElementsOf(splitter.split(SHARD, batch(A, B, A)).stream().map(ArchiveObject::key).toList());
    }

    @Test
    void rawPartitionsKeepTheRecordsAsTheyCameAndPutOthersInTheDefaultPartition() {
        BatchSplitter splitter = new BatchSplitter(settings(ArchiveFormat.RAW, List.of("resource"), ""));

        List<ArchiveObject> objects = splitter.split(SHARD, batch(A, "plain text", A));

        assertThat(objects).extracting(ArchiveObject::key).containsExactly(
                "clicks/resource=a%2Fb%20c/" + SHARD + "/100-102",
                "clicks/resource=__HIVE_DEFAULT_PARTITION__/" + SHARD + "/101-101");
        assertThat(new String(bytes(objects.get(0)), StandardCharsets.UTF_8)).isEqualTo(A + "\n" + A + "\n");
        assertThat(objects).extracting(ArchiveObject::contentType).containsOnly("application/octet-stream");
    }

    private static byte[] bytes(ArchiveObject o) {
        ByteBuffer b = o.body().duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
