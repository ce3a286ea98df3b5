package dev.clickstream.tools.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.clickstream.tools.archive.ArchiveRecord;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where a replayed record's partition key comes from: the archive's, where it kept one (Parquet
 * rows); else a top-level field of the record's JSON (click events are keyed by resource, as the
 * producer keys them); else a random key. Counts each, for the summary.
 */
final class PartitionKeys {
    private static final JsonFactory JSON = new JsonFactory();
    /** Kinesis's limit on a partition key, in Unicode characters. */
    private static final int MAX_KEY = 256;

    private final Optional<String> field;
    private long fromArchive;
    private long fromField;
    private long random;

    /** @param field the JSON field to key by; empty: random keys for records the archive has none for */
    PartitionKeys(Optional<String> field) {
        this.field = field;
    }

    String keyOf(ArchiveRecord record) {
        if (record.partitionKey().filter(k -> !k.isEmpty()).isPresent()) {
            fromArchive++;
            return record.partitionKey().get();
        }
        Optional<String> value = field.flatMap(f -> fieldValue(record.payload(), f));
        if (value.isPresent()) {
            fromField++;
            return value.get();
        }
        random++;
        return Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
    }

    /** The top-level field's scalar value, if the data is a JSON object that has one that can be a key. */
    static Optional<String> fieldValue(byte[] data, String name) {
        try (JsonParser p = JSON.createParser(data)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String current = p.currentName();
                JsonToken value = p.nextToken();
                if (current.equals(name)) {
                    if (!value.isScalarValue() || value == JsonToken.VALUE_NULL) {
                        return Optional.empty();
                    }
                    String text = p.getText();
                    return text.isEmpty() || text.codePointCount(0, text.length()) > MAX_KEY
                            ? Optional.empty() : Optional.of(text);
                }
                p.skipChildren();
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // not JSON
        }
    }

    /** E.g. "partition keys: 1200 from field resource, 3 random (no such field)". */
    String summary() {
        StringBuilder s = new StringBuilder("partition keys:");
        String sep = " ";
        if (fromArchive > 0) {
            s.append(sep).append(fromArchive).append(" from the archive");
            sep = ", ";
        }
        if (fromField > 0) {
            s.append(sep).append(fromField).append(" from field ").append(field.orElseThrow());
            sep = ", ";
        }
        if (random > 0 || sep.equals(" ")) {
            s.append(sep).append(random).append(" random")
                    .append(field.isPresent() ? " (no field " + field.get() + ")" : "");
        }
        return s.toString();
    }
}
