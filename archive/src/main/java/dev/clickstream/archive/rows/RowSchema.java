package dev.clickstream.archive.rows;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The columns of a Parquet archive object: an event's fields, then the record's metadata
 * ({@link #METADATA}). {@link #PAYLOAD} keeps the record's bytes as one column instead, so any
 * stream can be archived.
 */
public enum RowSchema {
    /** The click-stream events: {@code {"resource":…,"referrer":…}}. */
    CLICK("click", List.of(new Field("resource", FieldType.STRING), new Field("referrer", FieldType.STRING))),
    /** The basic sample's sensor readings: {@code {"time":…,"sensor":…,"reading":N}}. */
    SENSOR("sensor", List.of(new Field("time", FieldType.STRING), new Field("sensor", FieldType.STRING),
            new Field("reading", FieldType.LONG))),
    /** Any record: its bytes in the column {@value #PAYLOAD_COLUMN}. */
    PAYLOAD("payload", List.of());

    public static final String PAYLOAD_COLUMN = "payload";
    public static final String ARRIVAL = "arrival";
    public static final String SHARD_ID = "shard_id";
    public static final String SEQUENCE_NUMBER = "sequence_number";
    public static final String SUB_SEQUENCE_NUMBER = "sub_sequence_number";
    public static final String PARTITION_KEY = "partition_key";
    /** The metadata columns every schema ends with. */
    public static final List<String> METADATA = List.of(ARRIVAL, SHARD_ID, SEQUENCE_NUMBER, SUB_SEQUENCE_NUMBER,
            PARTITION_KEY);

    /** An event field: a JSON string or integer; optional in every row. */
    public record Field(String name, FieldType type) {}

    public enum FieldType { STRING, LONG }

    private final String value;
    private final List<Field> fields;

    RowSchema(String value, List<Field> fields) {
        this.value = value;
        this.fields = fields;
    }

    /** The event's fields, in column order (none for {@link #PAYLOAD}). */
    public List<Field> fields() {
        return fields;
    }

    public static RowSchema named(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("must be one of " + names()));
    }

    public static String names() {
        return Arrays.stream(values()).map(RowSchema::toString).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return value;
    }
}
