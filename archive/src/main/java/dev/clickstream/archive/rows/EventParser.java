package dev.clickstream.archive.rows;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the wanted top-level fields of a JSON object record, in one streaming pass (other fields
 * are skipped unread). Thread-safe.
 */
public final class EventParser {
    /** Why a record is not a row: the part of its error-prefix key. */
    public static final String NOT_JSON = "not-json";
    public static final String WRONG_TYPE = "wrong-type";

    private static final JsonFactory JSON = new JsonFactory();

    /** The values found (String or Long), or the reason the record has none. */
    public record Parsed(Map<String, Object> values, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    private final Map<String, RowSchema.FieldType> wanted;

    /** {@code wanted}: the typed fields; a field typed null is read as text whatever its JSON type. */
    public EventParser(Map<String, RowSchema.FieldType> wanted) {
        this.wanted = new HashMap<>(wanted);
    }

    public Parsed parse(byte[] bytes, int offset, int length) {
        Map<String, Object> values = new HashMap<>(wanted.size() * 2);
        try (JsonParser p = JSON.createParser(bytes, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return new Parsed(null, NOT_JSON);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (!wanted.containsKey(name)) {
                    p.skipChildren();
                    continue;
                }
                RowSchema.FieldType type = wanted.get(name);
                if (value == JsonToken.VALUE_NULL) {
                    values.remove(name);
                } else if (type == RowSchema.FieldType.STRING && value == JsonToken.VALUE_STRING) {
                    values.put(name, p.getText());
                } else if (type == RowSchema.FieldType.LONG && value == JsonToken.VALUE_NUMBER_INT
                        && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                    values.put(name, p.getLongValue());
                } else if (type == null && value.isScalarValue()) {
                    values.put(name, p.getText());
                } else {
                    return new Parsed(null, WRONG_TYPE);
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                return new Parsed(null, NOT_JSON);
            }
        } catch (IOException e) {
            return new Parsed(null, NOT_JSON);
        }
        return new Parsed(values, null);
    }
}
