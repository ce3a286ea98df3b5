package dev.clickstream.archive.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clickstream.archive.rows.ArchiveRow;
import dev.clickstream.archive.rows.RowSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;

/**
 * Parquet against gzip NDJSON of the same rows and columns (the figure; its goal is 0.5), for
 * click events with their metadata as Kinesis gives it (56-digit sequence numbers, the producer's
 * partition key: the resource, arrival times milliseconds apart). Sizes are deterministic. The
 * sequence numbers' trailing digits are most of either file.
 */
class ParquetSizeTest {
    private static final int ROWS = 100_000;

    @Test
    void parquetIsSmallerThanGzipNdjsonOfTheSameColumns() throws IOException {
        SplittableRandom random = new SplittableRandom(25);
        BigInteger sequence = new BigInteger("49680881733196598661593094351595248373795264943393603602");
        List<ArchiveRow> rows = new ArrayList<>(ROWS);
        long arrival = 1_796_533_744_892L;
        for (int i = 0; i < ROWS; i++) {
            // consecutive sequence numbers of a shard differ in their middle digits, as kinesalite's do
            sequence = sequence.add(BigInteger.valueOf(random.nextLong(1L << 40, 1L << 50)).shiftLeft(40));
            arrival += random.nextInt(3);
            String resource = "resource-" + random.nextInt(100);
            // the producer's partition key is the resource
            rows.add(new ArchiveRow("shardId-000000000001", sequence.toString(), 0, resource, arrival,
                    Map.of("resource", resource,
                            "referrer", List.of("http://www.amazon.com", "http://www.google.com", "http://www.yahoo.com",
                                    "http://www.bing.com", "http://stackoverflow.com", "http://reddit.com")
                                    .get(random.nextInt(6))), null));
        }

        int parquet = new ParquetObjectWriter(RowSchema.CLICK, CompressionCodecName.ZSTD).write(rows, 8 << 20).length;
        int gzip = gzipNdjson(rows);

        System.out.printf("%,d click rows: Parquet (ZSTD) %,d bytes, gzip NDJSON of the same columns %,d bytes, ratio %.2f%n",
                ROWS, parquet, gzip, (double) parquet / gzip);
        assertThat((double) parquet / gzip).isLessThan(0.75);
    }

    private static int gzipNdjson(List<ArchiveRow> rows) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (Writer out = new OutputStreamWriter(new GZIPOutputStream(gz), StandardCharsets.UTF_8)) {
            for (ArchiveRow row : rows) {
                Map<String, Object> line = new LinkedHashMap<>(row.fields());
                line.put("arrival", row.arrivalMillis());
                line.put("shard_id", row.shardId());
                line.put("sequence_number", row.sequenceNumber());
                line.put("sub_sequence_number", row.subSequenceNumber());
                line.put("partition_key", row.partitionKey());
                out.write(json.writeValueAsString(line));
                out.write('\n');
            }
        }
        return gz.size();
    }
}
