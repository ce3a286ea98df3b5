package dev.clickstream.archive.parquet;

import dev.clickstream.archive.rows.ArchiveRow;
import dev.clickstream.archive.rows.RowSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.ReadOptionsWithoutHadoop;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Reads an archive's Parquet object back into {@link ArchiveRow}s: the metadata columns, and
 * every other column as an event field (String or Long), or the payload column. Any file this
 * archive wrote, whatever its {@link RowSchema}. Needs no Hadoop class at run time. Thread-safe.
 */
public final class ParquetObjectReader {

    /**
     * The rows of one object, in file order.
     *
     * @throws IOException when the bytes are not a Parquet file of this archive's columns
     */
    public List<ArchiveRow> read(byte[] object) throws IOException {
        ParquetReadOptions options = ReadOptionsWithoutHadoop.create(new PureJavaCodecs());
        try {
            return rows(object, options);
        } catch (RuntimeException e) {
            // parquet reports a file that is not Parquet, or is cut short, unchecked
            throw new IOException(e.getMessage(), e);
        }
    }

    private static List<ArchiveRow> rows(byte[] object, ParquetReadOptions options) throws IOException {
        List<ArchiveRow> rows = new ArrayList<>();
        try (ParquetFileReader file = ParquetFileReader.open(new InMemoryFiles.Input(object), options)) {
            MessageType type = file.getFooter().getFileMetaData().getSchema();
            for (String column : RowSchema.METADATA) {
                if (!type.containsField(column)) {
                    throw new IOException("not an archive object: no column " + column);
                }
            }
            ColumnIOFactory columns = new ColumnIOFactory();
            PageReadStore pages;
            while ((pages = file.readNextRowGroup()) != null) {
                RecordReader<Group> reader = columns.getColumnIO(type)
                        .getRecordReader(pages, new GroupRecordConverter(type));
                for (long i = 0, n = pages.getRowCount(); i < n; i++) {
                    rows.add(row(type, reader.read()));
                }
            }
        }
        return rows;
    }

    private static ArchiveRow row(MessageType type, Group g) {
        Map<String, Object> fields = new HashMap<>();
        byte[] payload = null;
        for (Type field : type.getFields()) {
            String name = field.getName();
            if (RowSchema.METADATA.contains(name) || g.getFieldRepetitionCount(name) == 0) {
                continue;
            }
            if (name.equals(RowSchema.PAYLOAD_COLUMN) && !ParquetSchemas.isString(field)) {
                payload = g.getBinary(name, 0).getBytes();
            } else if (field.isPrimitive() && field.asPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.INT64) {
                fields.put(name, g.getLong(name, 0));
            } else {
                fields.put(name, g.getString(name, 0));
            }
        }
        return new ArchiveRow(g.getString(RowSchema.SHARD_ID, 0), g.getString(RowSchema.SEQUENCE_NUMBER, 0),
                g.getLong(RowSchema.SUB_SEQUENCE_NUMBER, 0), g.getString(RowSchema.PARTITION_KEY, 0),
                g.getLong(RowSchema.ARRIVAL, 0), fields, payload);
    }
}
