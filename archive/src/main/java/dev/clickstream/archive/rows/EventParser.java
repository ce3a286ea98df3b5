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
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                return NOT_JSON;
            }
        } catch (IOException e) {
            return NOT_JSON;
        }
        return null;
    }
}
