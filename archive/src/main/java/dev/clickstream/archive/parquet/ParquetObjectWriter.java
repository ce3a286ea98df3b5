package dev.clickstream.archive.parquet;

import dev.clickstream.archive.rows.ArchiveRow;
import dev.clickstream.archive.rows.RowSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    public byte[] write(Iterable<ArchiveRow> rows, int sizeHint) {
        InMemoryFiles.Output file = new InMemoryFiles.Output(Math.max(4096, sizeHint / 8));
        try (ParquetWriter<ArchiveRow> writer = new Builder(file, schema)
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(new PureJavaCodecs())
                .withCompressionCodec(codec)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withRowGroupSize(ROW_GROUP_BYTES)
                .withDictionaryEncoding(true)
                // every sequence number is distinct: a dictionary would only be built and dropped
                .withDictionaryEncoding(RowSchema.SEQUENCE_NUMBER, false)
                // v2 pages: sequence numbers delta-encoded against the previous one (they share most
                // leading digits), arrival times as deltas; about a third smaller than v1 here
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_2_0)
                .build()) {
            for (ArchiveRow row : rows) {
                writer.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // an in-memory file does not fail
        }
        return file.bytes();
    }

    private static final class Builder extends ParquetWriter.Builder<ArchiveRow, Builder> {
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
        protected WriteSupport<ArchiveRow> getWriteSupport(org.apache.parquet.conf.ParquetConfiguration conf) {
            return new RowWriteSupport(schema);
        }

        @Override
        protected WriteSupport<ArchiveRow> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return new RowWriteSupport(schema);
        }
    }
}
