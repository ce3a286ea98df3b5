package dev.clickstream.tools.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.archive.parquet.ParquetObjectWriter;
import dev.clickstream.archive.rows.ArchiveRow;
import dev.clickstream.archive.rows.RowSchema;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;

class ParquetFormatTest {
    private static final String SEQ = "49590338271490256608559692538361571095921575989136588898";

    @Test
    void clickRowsComeBackAsTheProducersJsonWithTheirMetadata() throws IOException {
        List<ArchiveRecord> records = read(RowSchema.CLICK, List.of(
                row(0, Map.of("referrer", "http://b", "resource", "/a"), null),
                row(1, Map.of("resource", "/c"), null)));

        assertThat(records).extracting(r -> text(r.payload()))
                .containsExactly("{\"resource\":\"/a\",\"referrer\":\"http://b\"}", "{\"resource\":\"/c\"}");
        ArchiveRecord first = records.get(0);
        assertThat(first.shardId()).isEqualTo("shardId-000000000001");
        assertThat(first.sequence()).contains(new BigInteger(SEQ));
        assertThat(first.subSequence()).hasValue(0);
        assertThat(records.get(1).subSequence()).hasValue(1);
        assertThat(first.partitionKey()).contains("key-0");
        assertThat(first.arrival()).contains(Instant.ofEpochMilli(1_700_000_000_000L));
    }

    @Test
    void sensorRowsKeepTheirNumbersAndPayloadRowsTheirBytes() throws IOException {
        assertThat(read(RowSchema.SENSOR, List.of(row(0, Map.of("reading", 42L, "sensor", "s1", "time", "t"), null))))
                .extracting(r -> text(r.payload()))
                .containsExactly("{\"time\":\"t\",\"sensor\":\"s1\",\"reading\":42}");
        byte[] bytes = {'n', 'o', 't', ' ', 0, (byte) 0xff};
        assertThat(read(RowSchema.PAYLOAD, List.of(row(0, Map.of(), bytes)))).extracting(ArchiveRecord::payload)
                .containsExactly(bytes);
    }

    private static ArchiveRow row(long sub, Map<String, Object> fields, byte[] payload) {
        return new ArchiveRow("shardId-000000000001", SEQ, sub, "key-" + sub, 1_700_000_000_000L, fields, payload);
    }

    private static List<ArchiveRecord> read(RowSchema schema, List<ArchiveRow> rows) throws IOException {
        byte[] file = new ParquetObjectWriter(schema, CompressionCodecName.ZSTD).write(rows, 10_000);
        ArchivedObject object = ArchivedObject.parse("shardId-000000000001/" + SEQ + "-" + SEQ + ".parquet", "")
                .orElseThrow();
        List<ArchiveRecord> records = new ArrayList<>();
        try (RecordReader reader = new ParquetFormat().open(object, new ByteArrayInputStream(file))) {
            for (ArchiveRecord r; (r = reader.next()) != null; ) {
                records.add(r);
            }
        }
        return records;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
