package dev.clickstream.archive.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clickstream.archive.rows.ArchiveRow;
import dev.clickstream.archive.rows.RowSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.ReadOptionsWithoutHadoop;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;

class ParquetRoundTripTest {
    private static final String SEQ = "49590338271490256608559692538361571095921575989136588898";

    @Test
    void clickRowsComeBackAsWritten() throws IOException {
        List<ArchiveRow> rows = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            rows.add(new ArchiveRow("shardId-000000000001", SEQ + i, i % 3, "key-" + i, 1_765_000_000_000L + i,
                    i == 7 ? Map.of("resource", "r") : Map.of("resource", "resource-" + i % 5, "referrer",
                            "http://www.amazon.com"), null));
        }
        for (CompressionCodecName codec : List.of(CompressionCodecName.ZSTD, CompressionCodecName.SNAPPY,
                CompressionCodecName.UNCOMPRESSED)) {
            byte[] file = new ParquetObjectWriter(RowSchema.CLICK, codec).write(rows, 100_000);

            assertThat(new String(file, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("PAR1");
            List<ArchiveRow> back = new ParquetObjectReader().read(file);
            assertThat(back).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(rows);
        }
    }

    @Test
    void payloadRowsKeepTheirBytes() throws IOException {
        byte[] data = {0, 1, 2, (byte) 0xff, '\n'};
        ArchiveRow row = new ArchiveRow("shardId-000000000000", SEQ, 0, "k", 5L, Map.of(), data);

        List<ArchiveRow> back = new ParquetObjectReader()
                .read(new ParquetObjectWriter(RowSchema.PAYLOAD, CompressionCodecName.ZSTD).write(List.of(row), 10));

        assertThat(back).hasSize(1);
        assertThat(back.get(0).payload()).containsExactly(data);
        assertThat(back.get(0).sequenceNumber()).isEqualTo(SEQ);
    }

    @Test
    void sensorReadingIsALong() throws IOException {
        ArchiveRow row = new ArchiveRow("s", "1", 0, "sensor-1", 5L,
                Map.of("time", "2026-12-06T04:00:00Z", "sensor", "sensor-1", "reading", 42L), null);

        List<ArchiveRow> back = new ParquetObjectReader()
                .read(new ParquetObjectWriter(RowSchema.SENSOR, CompressionCodecName.ZSTD).write(List.of(row), 10));

        assertThat(back.get(0).fields()).isEqualTo(row.fields());
    }

    @Test
    void notParquetIsAnIoError() {
        assertThatThrownBy(() -> new ParquetObjectReader().read("{}\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void minAndMaxAreKeptForTheColumnsAQueryFiltersOnButNotForSequenceNumbersAndPartitionKeys() throws IOException {
        List<ArchiveRow> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            rows.add(new ArchiveRow("shardId-000000000001", SEQ + i, 0, "key-" + i, 1_765_000_000_000L + i,
                    Map.of("resource", "resource-" + i % 5, "referrer", "http://www.amazon.com"), null));
        }
        byte[] file = new ParquetObjectWriter(RowSchema.CLICK, CompressionCodecName.ZSTD).write(rows, 100_000);

        Map<String, Boolean> hasMinMax = new HashMap<>();
        try (ParquetFileReader reader = ParquetFileReader.open(new InMemoryFiles.Input(file),
                ReadOptionsWithoutHadoop.create(new PureJavaCodecs()))) {
            for (ColumnChunkMetaData column : reader.getFooter().getBlocks().get(0).getColumns()) {
                hasMinMax.put(column.getPath().toDotString(), column.getStatistics().hasNonNullValue());
            }
        }
        assertThat(hasMinMax).containsEntry(RowSchema.ARRIVAL, true).containsEntry("resource", true)
                .containsEntry(RowSchema.SHARD_ID, true).containsEntry(RowSchema.SEQUENCE_NUMBER, false)
                .containsEntry(RowSchema.PARTITION_KEY, false);
    }
}
