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
            String reason = fields(p, values, null);
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
        private final Texts texts = new Texts();
        private JsonParser shared;
        /** Where in {@code bytes} the shared parser started: its locations count from there. */
        private int base;
        /** Where the record after the last one the shared parser read cleanly starts. */
        private int next = -1;

        private Records(byte[] bytes, int limit) {
            this.bytes = bytes;
            this.limit = limit;
        }

        /**
         * As {@link EventParser#parse}, for a record after the ones parsed before. Texts that
         * repeat within the batch are the same String.
         */
        public String parse(int offset, int length, Object[] values) {
            Arrays.fill(values, null);
            try {
                if (offset != next) {
                    // the first record, or one after a record parsed alone or left out: start here
                    close();
                    shared = JSON.createParser(bytes, offset, limit - offset);
                    base = offset;
                }
                if (parsedClean(offset + length, values)) {
                    // the record's newline, which the shared parser skips as whitespace
                    next = offset + length + 1;
                    return null;
                }
            } catch (IOException e) {
                // parsed again alone below
            }
            close();
            return EventParser.this.parse(bytes, offset, length, values);
        }

        /**
         * Whether the shared parser read the next object as one of the wanted types that ends within
         * {@code end}, with only whitespace after it. The parser stands at the record's start or
         * before it with only whitespace between, so an object that ends within the record began in
         * it.
         */
        private boolean parsedClean(int end, Object[] values) throws IOException {
            if (shared.nextToken() != JsonToken.START_OBJECT || fields(shared, values, texts) != null) {
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
            next = -1;
        }
    }

    /**
     * The distinct texts of one batch, each made a String once: event fields repeat (a site's pages
     * and referrers), and a String per field per record would be most of what parsing allocates.
     * Holds at most {@value #MAX} texts; later ones are made each time.
     */
    private static final class Texts {
        private static final int MAX = 4096;
        private String[] table = new String[64];
        private int size;

        String of(char[] chars, int offset, int length) {
            int hash = 0;
            for (int i = 0; i < length; i++) {
                hash = 31 * hash + chars[offset + i]; // String.hashCode's
            }
            int mask = table.length - 1;
            int slot = (hash ^ (hash >>> 16)) & mask;
            for (String held = table[slot]; held != null; held = table[slot = (slot + 1) & mask]) {
                if (held.hashCode() == hash && equal(held, chars, offset, length)) {
                    return held;
                }
            }
            String text = new String(chars, offset, length);
            if (size < MAX) {
                table[slot] = text;
                if (++size * 2 > table.length) {
                    grow();
                }
            }
            return text;
        }

        private static boolean equal(String held, char[] chars, int offset, int length) {
            if (held.length() != length) {
                return false;
            }
            for (int i = 0; i < length; i++) {
                if (held.charAt(i) != chars[offset + i]) {
                    return false;
                }
            }
            return true;
        }

        private void grow() {
            String[] old = table;
            table = new String[old.length * 2];
            int mask = table.length - 1;
            for (String held : old) {
                if (held != null) {
                    int hash = held.hashCode();
                    int slot = (hash ^ (hash >>> 16)) & mask;
                    while (table[slot] != null) {
                        slot = (slot + 1) & mask;
                    }
                    table[slot] = held;
                }
            }
        }
    }

    /**
     * Reads an object's fields after its START_OBJECT, up to its END_OBJECT. Returns null, or the
     * reason it is not a row. String values through {@code texts} when given.
     */
    private String fields(JsonParser p, Object[] values, Texts texts) throws IOException {
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
            } else if (type != RowSchema.FieldType.LONG && value == JsonToken.VALUE_STRING) {
                values[at] = texts == null ? p.getText()
                        : texts.of(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
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
