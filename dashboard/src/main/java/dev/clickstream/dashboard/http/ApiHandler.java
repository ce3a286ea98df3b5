package dev.clickstream.dashboard.http;

import dev.clickstream.dashboard.store.CountsReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * {@code GET /api/GetCounts?resource=R&range_in_seconds=N}: the items of R newer than now − N s
 * (N capped), as the original returned them. {@code GET /api/resources}: the resources in the table.
 * Every error is JSON: {@code {"error": "..."}}.
 */
final class ApiHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    private final CountsReader reader;
    private final int maxRangeInSeconds;

    ApiHandler(CountsReader reader, int maxRangeInSeconds) {
        this.reader = reader;
        this.maxRangeInSeconds = maxRangeInSeconds;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        try {
            String method = request.getMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
                Responses.error(response, callback, 405, "method " + method + " not allowed; use GET");
                return true;
            }
            String path = request.getHttpURI().getPath();
            switch (path) {
                case "/api/GetCounts" -> getCounts(request, response, callback);
                case "/api/resources" -> Responses.json(response, callback, 200, Map.of("resources", reader.resources()));
                default -> Responses.error(response, callback, 404, "no such API: " + path
                        + " (there are /api/GetCounts?resource=R&range_in_seconds=N and /api/resources)");
            }
        } catch (BadParameter e) {
            Responses.error(response, callback, 400, e.getMessage());
        } catch (ResourceNotFoundException e) {
            Responses.error(response, callback, 503, "counts table " + reader.table() + " does not exist (yet): is the counter running?");
        } catch (SdkException e) {
            LOG.warn("reading {} failed: {}", reader.table(), e.toString());
            Responses.error(response, callback, 503, "cannot read counts table " + reader.table() + " now; try again");
        } catch (RuntimeException e) {
            LOG.error("unexpected failure serving {}", request.getHttpURI().getPath(), e);
            Responses.error(response, callback, 500, "internal error");
        }
        return true;
    }

    private void getCounts(Request request, Response response, Callback callback) {
        Map<String, String> query = parseQuery(request.getHttpURI().getQuery());
        String resource = query.get("resource");
        String range = query.get("range_in_seconds");
        if (resource == null || resource.isEmpty()) {
            throw new BadParameter("missing parameter: resource");
        }
        if (range == null || range.isEmpty()) {
            throw new BadParameter("missing parameter: range_in_seconds");
        }
        long seconds;
        if (!range.matches("[0-9]{1,18}")) {
            throw new BadParameter(range.matches("[0-9]+")
                    ? "range_in_seconds is out of range (max " + maxRangeInSeconds + ")"
                    : "range_in_seconds must be a whole number of seconds");
        }
        seconds = Long.parseLong(range);
        if (seconds < 1) {
            throw new BadParameter("range_in_seconds must be at least 1, got " + seconds);
        }
        long capped = Math.min(seconds, maxRangeInSeconds);
        Responses.json(response, callback, 200, reader.recent(resource, Duration.ofSeconds(capped)));
    }

    /** Query parameters, first value of each; a malformed percent-escape is the client's mistake (400). */
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
            throw new BadParameter("malformed query: a '%' must start an escape such as %25");
        }
    }

    /** A request parameter the client got wrong: answered 400 with the message. */
    private static final class BadParameter extends RuntimeException {
        BadParameter(String message) {
            super(message, null, false, false);
        }
    }
}
