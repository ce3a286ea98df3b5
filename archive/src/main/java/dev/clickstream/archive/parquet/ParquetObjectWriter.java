package dev.clickstream.archive.parquet;

import dev.clickstream.archive.rows.ArchiveRow;
import dev.clickstream.archive.rows.RowSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;

/**
 * Writes rows as one Parquet file in memory (an S3 object's body), one row group, dictionary
 * encoding on, compressed with a pure-Java codec ({@link PureJavaCodecs}). Thread-safe: each call
 * has its own writer.
 */
public final class ParquetObjectWriter {
    /** Larger than any archive object, so each file is one row group. */
    private static final long ROW_GROUP_BYTES = 512L * 1024 * 1024;

    /** The most dictionary bytes a column builds before it falls back to plain encoding. */
    private static final int DICTIONARY_BYTES = 128 * 1024;

    private final RowSchema schema;
    private final CompressionCodecName codec;

    public ParquetObjectWriter(RowSchema schema, CompressionCodecName codec) {
        if (!PureJavaCodecs.supports(codec)) {
            throw new IllegalArgumentException("no pure-Java codec for " + codec);
        }
        this.schema = schema;
        this.codec = codec;
    }

    public RowSchema schema() {
        return schema;
    }

    /** The file's bytes. {@code sizeHint}: about how large the rows are raw, to size the buffer. */
    public byte[] write(List<ArchiveRow> rows, int sizeHint) {
        return write(ParquetRows.of(rows, schema), sizeHint);
    }

    /** The file's bytes. {@code sizeHint}: about how large the rows are raw, to size the buffer. */
    public byte[] write(ParquetRows rows, int sizeHint) {
        InMemoryFiles.Output file = new InMemoryFiles.Output(Math.max(4096, sizeHint / 8));
        try (ParquetWriter<RowWriteSupport.Cursor> writer = new Builder(file, schema)
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(new PureJavaCodecs())
                .withCompressionCodec(codec)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withRowGroupSize(ROW_GROUP_BYTES)
                .withDictionaryEncoding(true)
                // a column of distinct values (random partition keys) falls back to plain after this
                // many dictionary bytes instead of hashing up to 1 MiB of them first; the few values
                // of a site's pages and referrers stay far below it
                .withDictionaryPageSize(DICTIONARY_BYTES)
                // every sequence number is distinct: a dictionary would only be built and dropped
                .withDictionaryEncoding(RowSchema.SEQUENCE_NUMBER, false)
                // times and sub-sequence numbers rise in runs: v2's delta encoding stores them in
                // the same bytes as a dictionary would, without hashing each value
                .withDictionaryEncoding(RowSchema.ARRIVAL, false)
                .withDictionaryEncoding(RowSchema.SUB_SEQUENCE_NUMBER, false)
                // min/max of distinct, unordered-as-bytes values prune nothing a query asks for (the
                // key already names the first and last sequence number) and cost a comparison per value
                .withStatisticsEnabled(RowSchema.SEQUENCE_NUMBER, false)
                .withStatisticsEnabled(RowSchema.PARTITION_KEY, false)
                // the optional size statistics (byte counts, level histograms): read by no engine the
                // docs name, and counted per value
                .withSizeStatisticsEnabled(false)
                // v2 pages: sequence numbers delta-encoded against the previous one (they share most
                // leading digits), arrival times as deltas; about a third smaller than v1 here
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_2_0)
                .build()) {
            RowWriteSupport.Cursor cursor = new RowWriteSupport.Cursor();
            cursor.rows = rows;
            for (int n = 0; n < rows.size(); n++) {
                cursor.row = n;
                writer.write(cursor);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // an in-memory file does not fail
        }
        return file.bytes();
    }

    private static final class Builder extends ParquetWriter.Builder<RowWriteSupport.Cursor, Builder> {
        private final RowSchema schema;

        Builder(OutputFile file, RowSchema schema) {
            super(file);
            this.schema = schema;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<RowWriteSupport.Cursor> getWriteSupport(org.apache.parquet.conf.ParquetConfiguration conf) {
            return new RowWriteSupport(schema);
        }

        @Override
        protected WriteSupport<RowWriteSupport.Cursor> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return new RowWriteSupport(schema);
        }
    }
}
