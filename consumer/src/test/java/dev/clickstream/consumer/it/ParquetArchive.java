package dev.clickstream.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.archive.layout.ArchiveKey;
import dev.clickstream.archive.parquet.ParquetObjectReader;
import dev.clickstream.archive.rows.ArchiveRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Test helper: a bucket's Parquet archive under {@code prefix} and its error objects under
 * {@code errorPrefix}, read with the archive module's own reader (DuckDB is the independent one).
 */
public record ParquetArchive(S3Client s3, String bucket, String prefix, String errorPrefix) {

    /** Every key in the bucket. */
    public List<String> keys() {
        try {
            return s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().stream().map(S3Object::key).toList();
        } catch (NoSuchBucketException e) {
            return List.of();
        }
    }

    public byte[] body(String key) {
        return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
    }

    /** The rows of each Parquet object, by key. */
    public Map<String, List<ArchiveRow>> rowsByKey() {
        Map<String, List<ArchiveRow>> rows = new LinkedHashMap<>();
        for (String key : keys()) {
            if (key.startsWith(prefix) && key.endsWith(".parquet")) {
                try {
                    rows.put(key, new ParquetObjectReader().read(body(key)));
                } catch (IOException e) {
                    throw new UncheckedIOException(key, e);
                }
            }
        }
        return rows;
    }

    /** The error objects' lines, each with its reason. */
    public List<String> errorLines() {
        List<String> lines = new ArrayList<>();
        for (String key : keys()) {
            if (key.startsWith(errorPrefix)) {
                String reason = key.substring(errorPrefix.length(), key.indexOf('/', errorPrefix.length()));
                ArchiveKey parsed = ArchiveKey.parse(errorPrefix + reason + "/", key).orElseThrow();
                for (String line : new String(body(key), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                    lines.add(reason + ":" + parsed.shardId() + ":" + line);
                }
            }
        }
        return lines;
    }

    /** Rows in more than one place: (shard, sequence number, sub-sequence number) seen before. */
    public static int duplicates(Map<String, List<ArchiveRow>> rowsByKey) {
        Set<String> seen = new HashSet<>();
        int duplicates = 0;
        for (List<ArchiveRow> rows : rowsByKey.values()) {
            for (ArchiveRow r : rows) {
                if (!seen.add(r.shardId() + "/" + r.sequenceNumber() + "/" + r.subSequenceNumber())) {
                    duplicates++;
                }
            }
        }
        return duplicates;
    }

    /**
     * Checks a {@code payload}-schema archive against the written records: every record is a row of
     * its shard with its bytes, and every row is a written record. Returns the rows in more than one
     * place.
     */
    public int check(Collection<StreamWriter.Written> written) {
        Map<String, List<ArchiveRow>> byKey = rowsByKey();
        Map<String, byte[]> expected = new HashMap<>();
        written.forEach(w -> expected.put(w.shardId() + "/" + w.sequenceNumber(), w.data()));
        Set<String> found = new HashSet<>();
        for (Map.Entry<String, List<ArchiveRow>> object : byKey.entrySet()) {
            for (ArchiveRow r : object.getValue()) {
                String id = r.shardId() + "/" + r.sequenceNumber();
                assertThat(expected).as("row %s of %s is a written record", id, object.getKey()).containsKey(id);
                assertThat(r.payload()).as("payload of row %s", id).isEqualTo(expected.get(id));
                assertThat(object.getKey()).as("key of row %s", id).contains(r.shardId() + "/");
                found.add(id);
            }
        }
        assertThat(expected.keySet()).as("written records without a row").isSubsetOf(found);
        return duplicates(byKey);
    }

    /** The shards with Parquet objects. */
    public Set<String> shards() {
        Set<String> shards = new HashSet<>();
        rowsByKey().values().forEach(rows -> rows.forEach(r -> shards.add(r.shardId())));
        return shards;
    }

    /** Copies every object under the prefix to {@code dir}, at its key's path, for DuckDB. */
    public Path download(Path dir) {
        try {
            for (String key : keys()) {
                if (key.startsWith(prefix)) {
                    Path file = dir.resolve(key);
                    Files.createDirectories(file.getParent());
                    Files.write(file, body(key));
                }
            }
            return dir.resolve(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
