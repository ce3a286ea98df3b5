package dev.clickstream.archive.rows;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the wanted top-level fields of a JSON object record, in one streaming pass (other fields
 * are skipped unread), into an array in the order the fields were given: a record costs no map.
 * Thread-safe.
 */
public final class EventParser {
    /** Why a record is not a row: the part of its error-prefix key. */
    public static final String NOT_JSON = "not-json";
    public static final String WRONG_TYPE = "wrong-type";

    private static final JsonFactory JSON = new JsonFactory();

    private final Map<String, Integer> index = new HashMap<>();
    private final RowSchema.FieldType[] types;
    private final List<String> names;

    /**
     * {@code wanted}: the typed fields, in the order of {@link #parse}'s array; a field typed null
     * is read as text whatever its JSON type.
     */
    public EventParser(LinkedHashMap<String, RowSchema.FieldType> wanted) {
        this.names = List.copyOf(wanted.keySet());
        this.types = new RowSchema.FieldType[names.size()];
        List<RowSchema.FieldType> typeList = new ArrayList<>(wanted.values());
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), i);
            types[i] = typeList.get(i);
        }
    }

    /** The wanted fields, in the order of {@link #parse}'s array. */
    public List<String> names() {
        return names;
    }

    /**
     * Fills {@code values} (one slot per wanted field) with what the record holds: a String or Long,
     * null where absent. Returns null, or the reason the record is not a row (then {@code values}
     * holds nothing of use).
     */
    public String parse(byte[] bytes, int offset, int length, Object[] values) {
        Arrays.fill(values, null);
        try (JsonParser p = JSON.createParser(bytes, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return NOT_JSON;
            }
            String reason = fields(p, values);
            if (reason != null) {
                return reason;
            }
            if (p.nextToken() != null) {
                return NOT_JSON;
            }
        } catch (IOException e) {
            return NOT_JSON;
        }
        return null;
    }

    /**
     * A reader of the records held in {@code bytes[0, limit)}, to be parsed in the order they are
     * held ({@link Records#parse}).
     */
    public Records records(byte[] bytes, int limit) {
        return new Records(bytes, limit);
    }

    /**
     * Parses the records of one array, in order, with one Jackson parser while they are JSON
     * objects: a parser each would cost more than the record's own parse. Whatever is not a clean
     * object within the record's bounds (a record cut short lets the parser run into the next one)
     * is parsed again alone by {@link #parse}, which gives the reason, and the shared parser starts
     * afresh at the next record. Not thread-safe.
     */
    public final class Records implements AutoCloseable {
        private final byte[] bytes;
        private final int limit;
        private JsonParser shared;
        /** Where in {@code bytes} the shared parser started: its locations count from there. */
        private int base;

        private Records(byte[] bytes, int limit) {
            this.bytes = bytes;
            this.limit = limit;
        }

        /** As {@link EventParser#parse}, for a record after the ones parsed before. */
        public String parse(int offset, int length, Object[] values) {
            Arrays.fill(values, null);
            try {
                if (shared == null) {
                    shared = JSON.createParser(bytes, offset, limit - offset);
                    base = offset;
                }
                if (parsedClean(offset, offset + length, values)) {
                    return null;
                }
            } catch (IOException e) {
                // parsed again alone below
            }
            close();
            return EventParser.this.parse(bytes, offset, length, values);
        }

        /** Whether the shared parser read the record as an object of the wanted types within its bounds. */
        private boolean parsedClean(int start, int end, Object[] values) throws IOException {
            if (shared.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            long at = base + shared.currentTokenLocation().getByteOffset();
            if (at < start || at >= end || fields(shared, values) != null) {
                return false;
            }
            long after = base + shared.currentLocation().getByteOffset();
            if (after > end) {
                return false;
            }
            for (int k = (int) after; k < end; k++) {
                byte b = bytes[k];
                if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void close() {
            if (shared != null) {
                try {
                    shared.close();
                } catch (IOException e) {
                    // an array parser has nothing to release that can fail
                }
                shared = null;
            }
        }
    }

    /**
     * Reads an object's fields after its START_OBJECT, up to its END_OBJECT. Returns null, or the
     * reason it is not a row.
     */
    private String fields(JsonParser p, Object[] values) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            Integer at = index.get(p.currentName());
            JsonToken value = p.nextToken();
            if (at == null) {
                p.skipChildren();
                continue;
            }
            RowSchema.FieldType type = types[at];
            if (value == JsonToken.VALUE_NULL) {
                values[at] = null;
            } else if (type == RowSchema.FieldType.STRING && value == JsonToken.VALUE_STRING) {
                values[at] = p.getText();
            } else if (type == RowSchema.FieldType.LONG && value == JsonToken.VALUE_NUMBER_INT
                    && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                values[at] = p.getLongValue();
            } else if (type == null && value.isScalarValue()) {
                values[at] = p.getText();
            } else {
                return WRONG_TYPE;
            }
        }
        return p.currentToken() == JsonToken.END_OBJECT ? null : NOT_JSON;
    }
}
