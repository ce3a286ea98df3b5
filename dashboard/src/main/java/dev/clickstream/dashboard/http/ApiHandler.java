package dev.clickstream.dashboard.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.clickstream.dashboard.store.CountsReader;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * {@code GET /api/GetCounts?resource=R&range_in_seconds=N}: the items of R newer than now − N s
 * (N capped), as the original returned them. {@code GET /api/resources}: the resources in the table.
 */
final class ApiHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    private final CountsReader reader;
    private final int maxRangeInSeconds;

    ApiHandler(CountsReader reader, int maxRangeInSeconds) {
        this.reader = reader;
        this.maxRangeInSeconds = maxRangeInSeconds;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                Responses.error(exchange, 405, "method " + method + " not allowed; use GET");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/api/GetCounts" -> getCounts(exchange);
                case "/api/resources" -> Responses.json(exchange, 200, Map.of("resources", reader.resources()));
                default -> Responses.error(exchange, 404, "no such API: " + path
                        + " (there are /api/GetCounts?resource=R&range_in_seconds=N and /api/resources)");
            }
        } catch (ResourceNotFoundException e) {
            Responses.error(exchange, 503, "counts table " + reader.table() + " does not exist (yet): is the counter running?");
        } catch (SdkException e) {
            LOG.warn("reading {} failed: {}", reader.table(), e.toString());
            Responses.error(exchange, 503, "cannot read counts table " + reader.table() + " now; try again");
        } catch (RuntimeException e) {
            LOG.error("unexpected failure serving {}", exchange.getRequestURI(), e);
            Responses.error(exchange, 500, "internal error");
        }
    }

    private void getCounts(HttpExchange exchange) throws IOException {
        Map<String, String> query = parseQuery(exchange.getRequestURI().getRawQuery());
        String resource = query.get("resource");
        String range = query.get("range_in_seconds");
        if (resource == null || resource.isEmpty()) {
            Responses.error(exchange, 400, "missing parameter: resource");
            return;
        }
        if (range == null || range.isEmpty()) {
            Responses.error(exchange, 400, "missing parameter: range_in_seconds");
            return;
        }
        long seconds;
        try {
            seconds = Long.parseLong(range);
        } catch (NumberFormatException e) {
            Responses.error(exchange, 400, "range_in_seconds must be a whole number of seconds, got '" + range + "'");
            return;
        }
        if (seconds < 1) {
            Responses.error(exchange, 400, "range_in_seconds must be at least 1, got " + seconds);
            return;
        }
        long capped = Math.min(seconds, maxRangeInSeconds);
        Responses.json(exchange, 200, reader.recent(resource, Duration.ofSeconds(capped)));
    }

    static Map<String, String> parseQuery(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.putIfAbsent(name, value);
        }
        return params;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // a stray '%': take the text as it is
        }
    }
}
