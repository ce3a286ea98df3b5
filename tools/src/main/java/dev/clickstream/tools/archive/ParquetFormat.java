package dev.clickstream.tools.archive;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.clickstream.archive.parquet.ParquetObjectReader;
import dev.clickstream.archive.rows.ArchiveRow;
import dev.clickstream.archive.rows.RowSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The archiver's Parquet format: one row per user record. A row of the payload schema gives back
 * the record's bytes; a row of an event schema gives back the event as compact JSON, its fields
 * in the schema's column order (the producer's own order).
 */
public final class ParquetFormat implements ObjectFormat {
    private static final JsonFactory JSON = new JsonFactory();
    private final ParquetObjectReader parquet = new ParquetObjectReader();

    @Override
    public RecordReader open(ArchivedObject object, InputStream body) throws IOException {
        List<ArchiveRow> rows;
        // Parquet's footer is at the end, so the whole object is read before its first row
        try (body) {
            rows = parquet.read(body.readAllBytes());
        } catch (IOException e) {
            throw new IOException(object.key() + " is not a readable Parquet object: " + e.getMessage(), e);
        }
        Iterator<ArchiveRow> it = rows.iterator();
        return new RecordReader() {
            @Override
            public ArchiveRecord next() throws IOException {
                return it.hasNext() ? record(it.next()) : null;
            }

            @Override
            public void close() {}
        };
    }

    static ArchiveRecord record(ArchiveRow row) throws IOException {
        byte[] payload = row.payload() != null ? row.payload() : event(row.fields());
        return new ArchiveRecord(row.shardId(), Optional.of(new BigInteger(row.sequenceNumber())),
                OptionalLong.of(row.subSequenceNumber()), Optional.ofNullable(row.partitionKey()),
                Optional.of(row.arrival()), payload);
    }

    /** The event as JSON: the fields of the schema that names them all, in its order; others after, by name. */
    static byte[] event(Map<String, Object> fields) throws IOException {
        List<String> order = new ArrayList<>();
        for (RowSchema schema : RowSchema.values()) {
            List<String> names = schema.fields().stream().map(RowSchema.Field::name).toList();
            if (!names.isEmpty() && names.containsAll(fields.keySet())) {
                names.stream().filter(fields::containsKey).forEach(order::add);
                break;
            }
        }
        new TreeMap<>(fields).keySet().stream().filter(n -> !order.contains(n)).forEach(order::add);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            for (String name : order) {
                Object value = fields.get(name);
                if (value instanceof Long l) {
                    g.writeNumberField(name, l);
                } else {
                    g.writeStringField(name, String.valueOf(value));
                }
            }
            g.writeEndObject();
        }
        return out.toByteArray();
    }
}
