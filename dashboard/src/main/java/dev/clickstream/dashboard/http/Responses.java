package dev.clickstream.dashboard.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Writing JSON and error bodies. Every error is {@code {"error": "..."}}. */
final class Responses {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Responses() {}

    static void json(Response response, Callback callback, int status, Object body) {
        byte[] bytes;
        try {
            bytes = MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            callback.failed(e);
            return;
        }
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        send(response, callback, status, "application/json; charset=utf-8", bytes);
    }

    static void error(Response response, Callback callback, int status, String message) {
        json(response, callback, status, Map.of("error", message));
    }

    static void text(Response response, Callback callback, int status, String message) {
        send(response, callback, status, "text/plain; charset=utf-8",
                (message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** HEAD gets the same headers and no body (Jetty leaves the body out). */
    static void send(Response response, Callback callback, int status, String contentType, byte[] bytes) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }
}
