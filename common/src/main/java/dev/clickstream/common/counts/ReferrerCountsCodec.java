package dev.clickstream.common.counts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** The JSON form of the {@code referrerCounts} attribute. */
public final class ReferrerCountsCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<List<ReferrerCount>> LIST = new TypeReference<>() {};

    private ReferrerCountsCodec() {}

    public static String toJson(List<ReferrerCount> counts) {
        try {
            return MAPPER.writeValueAsString(counts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise referrer counts", e);
        }
    }

    /** @throws IllegalArgumentException when the text is not such a list */
    public static List<ReferrerCount> fromJson(String json) {
        try {
            return MAPPER.readValue(json, LIST);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a referrer-counts list: " + e.getOriginalMessage(), e);
        }
    }
}
