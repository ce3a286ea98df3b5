package dev.clickstream.archive.parquet;

import dev.clickstream.archive.rows.RowSchema;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/** Writes {@link ParquetRows} in the columns of a {@link RowSchema}, one row per {@link #write}. */
final class RowWriteSupport extends WriteSupport<RowWriteSupport.Cursor> {
    private final RowSchema schema;
    private final MessageType type;
    private final String[] fieldNames;
    private static final int MAX_TEXTS = 4096;
    private final Map<String, Binary> texts = new HashMap<>();
    private RecordConsumer out;
    /** The shard id of the rows before, and its bytes: an object's rows share one shard. */
    private String shardId;
    private Binary shardIdBytes;

    RowWriteSupport(RowSchema schema) {
        this.schema = schema;
        this.type = ParquetSchemas.of(schema);
        this.fieldNames = schema.fields().stream().map(RowSchema.Field::name).toArray(String[]::new);
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(type, Map.of("clickstream.schema", schema.toString()));
    }

    @Override
    public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
        // parquet calls the ParquetConfiguration overload: the writer is built without Hadoop
        throw new UnsupportedOperationException("Hadoop configuration is not used");
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.out = recordConsumer;
    }

    /** Which row of which rows {@link #write} writes: one per file, moved along by the writer. */
    static final class Cursor {
        ParquetRows rows;
        int row;
    }

    @Override
    public void write(Cursor cursor) {
        ParquetRows rows = cursor.rows;
        int n = cursor.row;
        out.startMessage();
        int index = 0;
        // an index loop: an iterator per row would be garbage the launcher's C1 does not elide
        for (; index < fieldNames.length; index++) {
            Object value = rows.field(n, index);
            if (value != null) {
                out.startField(fieldNames[index], index);
                if (value instanceof Long v) {
                    out.addLong(v);
                } else {
                    out.addBinary(text((String) value));
                }
                out.endField(fieldNames[index], index);
            }
        }
        if (schema == RowSchema.PAYLOAD) {
            field(index++, RowSchema.PAYLOAD_COLUMN, rows.payload(n));
        }
        out.startField(RowSchema.ARRIVAL, index);
        out.addLong(rows.arrivalMillis(n));
        out.endField(RowSchema.ARRIVAL, index++);
        String shard = rows.shardId(n);
        if (!shard.equals(shardId)) {
            shardId = shard;
            shardIdBytes = utf8(shardId);
        }
        field(index++, RowSchema.SHARD_ID, shardIdBytes);
        field(index++, RowSchema.SEQUENCE_NUMBER, rows.sequenceNumber(n));
        out.startField(RowSchema.SUB_SEQUENCE_NUMBER, index);
        out.addLong(rows.subSequenceNumber(n));
        out.endField(RowSchema.SUB_SEQUENCE_NUMBER, index++);
        field(index, RowSchema.PARTITION_KEY, rows.partitionKey(n));
        out.endMessage();
    }

    /**
     * An event field's bytes: event fields repeat (a site's pages and referrers), so each distinct
     * value is encoded once per file while the values stay few.
     */
    private Binary text(String value) {
        Binary bytes = texts.get(value);
        if (bytes == null) {
            bytes = utf8(value);
            if (texts.size() < MAX_TEXTS) {
                texts.put(value, bytes);
            }
        }
        return bytes;
    }

    /**
     * A string's UTF-8 bytes as an array-backed Binary: the column writers hash, compare and copy
     * these faster than {@link Binary#fromString}'s buffer-backed ones (dictionaries, statistics).
     */
    private static Binary utf8(String value) {
        return Binary.fromConstantByteArray(value.getBytes(StandardCharsets.UTF_8));
    }

    private void field(int index, String name, Binary value) {
        out.startField(name, index);
        out.addBinary(value);
        out.endField(name, index);
    }
}
