package dev.clickstream.common.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

/** JSON form of a {@link ClickEvent}: {@code {"resource":…,"referrer":…}}, UTF-8. Thread-safe. */
public final class ClickEventCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter WRITER = MAPPER.writerFor(ClickEvent.class);

    private ClickEventCodec() {}

    public static byte[] toJson(ClickEvent event) {
        try {
            return WRITER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + event, e);
        }
    }

    /**
     * Reads an event, or empty when the bytes are not a JSON object with string fields
     * {@code resource} and {@code referrer}. Extra fields are ignored.
     */
    public static Optional<ClickEvent> parse(ByteBuffer data) {
        ByteBuffer view = data.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return parse(bytes);
    }

    public static Optional<ClickEvent> parse(byte[] bytes) {
        try {
            JsonNode node = MAPPER.readTree(bytes);
            if (node == null || !node.isObject()) {
                return Optional.empty();
            }
            JsonNode resource = node.get("resource");
            JsonNode referrer = node.get("referrer");
            if (resource == null || referrer == null || !resource.isTextual() || !referrer.isTextual()) {
                return Optional.empty();
            }
            return Optional.of(new ClickEvent(resource.asText(), referrer.asText()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
