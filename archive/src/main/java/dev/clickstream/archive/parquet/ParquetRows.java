package dev.clickstream.archive.parquet;

import dev.clickstream.archive.rows.ArchiveRow;
import dev.clickstream.archive.rows.RowSchema;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.parquet.io.api.Binary;

/**
 * The rows of one Parquet object, read by index: a batch's records are written from where they
 * are kept, with no object per row held until the write. Text columns are UTF-8 {@link Binary}s
 * that may be slices of a larger array (never changed while the file is written).
 */
public interface ParquetRows {
    int size();

    String shardId(int n);

    /** Event field {@code f} of row {@code n}, in the schema's order: a String, a Long, or null when absent. */
    Object field(int n, int f);

    /** The record's bytes ({@link RowSchema#PAYLOAD} only). */
    Binary payload(int n);

    long arrivalMillis(int n);

    Binary sequenceNumber(int n);

    long subSequenceNumber(int n);

    Binary partitionKey(int n);

    /** Rows already made as objects (tests, tools). */
    static ParquetRows of(List<ArchiveRow> rows, RowSchema schema) {
        return new ParquetRows() {
            @Override
            public int size() {
                return rows.size();
            }

            @Override
            public String shardId(int n) {
                return rows.get(n).shardId();
            }

            @Override
            public Object field(int n, int f) {
                return rows.get(n).fields().get(schema.fields().get(f).name());
            }

            @Override
            public Binary payload(int n) {
                return Binary.fromConstantByteArray(rows.get(n).payload());
            }

            @Override
            public long arrivalMillis(int n) {
                return rows.get(n).arrivalMillis();
            }

            @Override
            public Binary sequenceNumber(int n) {
                return utf8(rows.get(n).sequenceNumber());
            }

            @Override
            public long subSequenceNumber(int n) {
                return rows.get(n).subSequenceNumber();
            }

            @Override
            public Binary partitionKey(int n) {
                return utf8(rows.get(n).partitionKey());
            }

            private Binary utf8(String value) {
                return Binary.fromConstantByteArray(value.getBytes(StandardCharsets.UTF_8));
            }
        };
    }
}
