package dev.clickstream.archive.parquet;

import dev.clickstream.archive.rows.RowSchema;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/** The Parquet message type of each {@link RowSchema}. */
final class ParquetSchemas {
    private ParquetSchemas() {}

    static MessageType of(RowSchema schema) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (RowSchema.Field f : schema.fields()) {
            if (f.type() == RowSchema.FieldType.STRING) {
                b.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(f.name());
            } else {
                b.optional(PrimitiveTypeName.INT64).named(f.name());
            }
        }
        if (schema == RowSchema.PAYLOAD) {
            b.required(PrimitiveTypeName.BINARY).named(RowSchema.PAYLOAD_COLUMN);
        }
        b.required(PrimitiveTypeName.INT64)
                .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS))
                .named(RowSchema.ARRIVAL);
        string(b, RowSchema.SHARD_ID);
        string(b, RowSchema.SEQUENCE_NUMBER);
        b.required(PrimitiveTypeName.INT64).named(RowSchema.SUB_SEQUENCE_NUMBER);
        string(b, RowSchema.PARTITION_KEY);
        return b.named("record");
    }

    private static void string(Types.MessageTypeBuilder b, String name) {
        b.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
    }

    static boolean isString(Type type) {
        return type.isPrimitive() && type.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation;
    }
}
