package dev.clickstream.consumer.bench;

import dev.clickstream.archive.parquet.ParquetObjectReader;
import dev.clickstream.archive.rows.ArchiveRow;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * consumer/bench/parquet.sh: the Parquet bytes of each bucket on the bench's S3 against gzipped
 * NDJSON of the same rows and columns (each gzipped object for object, as a raw archive's).
 * Usage: ParquetBytes S3_PORT
 */
public final class ParquetBytes {
    private ParquetBytes() {}

    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        try (S3Client s3 = S3Client.builder().region(Region.US_EAST_1).credentialsProvider(BareGetRecordsLoop.CREDENTIALS)
                .endpointOverride(URI.create("http://127.0.0.1:" + args[0])).forcePathStyle(true).build()) {
            for (Bucket bucket : s3.listBuckets().buckets()) {
                long parquet = 0;
                long gzipped = 0;
                long rows = 0;
                int objects = 0;
                for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(bucket.name())).contents()) {
                    if (!o.key().endsWith(".parquet")) {
                        continue;
                    }
                    byte[] body = s3.getObjectAsBytes(r -> r.bucket(bucket.name()).key(o.key())).asByteArray();
                    parquet += body.length;
                    objects++;
                    ByteArrayOutputStream gz = new ByteArrayOutputStream();
                    try (Writer out = new OutputStreamWriter(new GZIPOutputStream(gz), StandardCharsets.UTF_8)) {
                        for (ArchiveRow row : new ParquetObjectReader().read(body)) {
                            Map<String, Object> line = new java.util.LinkedHashMap<>(row.fields());
                            line.put("arrival", row.arrivalMillis());
                            line.put("shard_id", row.shardId());
                            line.put("sequence_number", row.sequenceNumber());
                            line.put("sub_sequence_number", row.subSequenceNumber());
                            line.put("partition_key", row.partitionKey());
                            out.write(json.writeValueAsString(line));
                            out.write('\n');
                            rows++;
                        }
                    }
                    gzipped += gz.size();
                }
                if (objects > 0) {
                    System.out.printf("bucket %s: %,d rows in %d Parquet objects: %,d bytes; gzip NDJSON of the same "
                            + "columns: %,d bytes; Parquet / gzip NDJSON %.2f%n", bucket.name(), rows, objects, parquet,
                            gzipped, (double) parquet / gzipped);
                }
            }
        }
    }
}
