package dev.clickstream.archive.parquet;

import dev.clickstream.archive.rows.ArchiveRow;
import dev.clickstream.archive.rows.RowSchema;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/** Writes {@link ArchiveRow}s in the columns of a {@link RowSchema}. */
final class RowWriteSupport extends WriteSupport<ArchiveRow> {
    private final RowSchema schema;
    private final MessageType type;
    private RecordConsumer out;
    /** The shard id of the rows before, and its bytes: an object's rows share one shard. */
    private String shardId;
    private Binary shardIdBytes;

    RowWriteSupport(RowSchema schema) {
        this.schema = schema;
        this.type = ParquetSchemas.of(schema);
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

    @Override
    public void write(ArchiveRow row) {
        out.startMessage();
        int index = 0;
        for (RowSchema.Field f : schema.fields()) {
            Object value = row.fields().get(f.name());
            if (value != null) {
                out.startField(f.name(), index);
                if (value instanceof Long n) {
                    out.addLong(n);
                } else {
                    out.addBinary(utf8((String) value));
                }
                out.endField(f.name(), index);
            }
            index++;
        }
        if (schema == RowSchema.PAYLOAD) {
            field(index++, RowSchema.PAYLOAD_COLUMN, Binary.fromConstantByteArray(row.payload()));
        }
        out.startField(RowSchema.ARRIVAL, index);
        out.addLong(row.arrivalMillis());
        out.endField(RowSchema.ARRIVAL, index++);
        if (!row.shardId().equals(shardId)) {
            shardId = row.shardId();
            shardIdBytes = utf8(shardId);
        }
        field(index++, RowSchema.SHARD_ID, shardIdBytes);
        field(index++, RowSchema.SEQUENCE_NUMBER, utf8(row.sequenceNumber()));
        out.startField(RowSchema.SUB_SEQUENCE_NUMBER, index);
        out.addLong(row.subSequenceNumber());
        out.endField(RowSchema.SUB_SEQUENCE_NUMBER, index++);
        field(index, RowSchema.PARTITION_KEY, utf8(row.partitionKey()));
        out.endMessage();
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
