package dev.clickstream.dashboard.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/** The page and its scripts, from the jar: nothing is fetched from anywhere else, so it works offline. */
final class StaticHandler implements HttpHandler {
    private record Asset(String classpath, String contentType, boolean immutable) {}

    private final Map<String, Asset> assets;

    StaticHandler() {
        String chartJs = "META-INF/resources/webjars/chart.js/" + chartJsVersion() + "/dist/chart.umd.js";
        this.assets = Map.of(
                "/", new Asset("web/index.html", "text/html; charset=utf-8", false),
                "/index.html", new Asset("web/index.html", "text/html; charset=utf-8", false),
                "/dashboard.js", new Asset("web/dashboard.js", "text/javascript; charset=utf-8", false),
                "/dashboard.css", new Asset("web/dashboard.css", "text/css; charset=utf-8", false),
                "/lib/chart.umd.js", new Asset(chartJs, "text/javascript; charset=utf-8", true));
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            Responses.send(exchange, 405, "method not allowed\n".getBytes());
            return;
        }
        Asset asset = assets.get(exchange.getRequestURI().getPath());
        if (asset == null) {
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            Responses.send(exchange, 404, "not found\n".getBytes());
            return;
        }
        byte[] body;
        try (InputStream in = StaticHandler.class.getClassLoader().getResourceAsStream(asset.classpath())) {
            if (in == null) {
                throw new IOException("missing from the jar: " + asset.classpath());
            }
            body = in.readAllBytes();
        }
        exchange.getResponseHeaders().set("Content-Type", asset.contentType());
        exchange.getResponseHeaders().set("Cache-Control", asset.immutable() ? "max-age=86400" : "no-cache");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        Responses.send(exchange, 200, body);
    }

    private static String chartJsVersion() {
        Properties props = new Properties();
        try (InputStream in = StaticHandler.class.getClassLoader().getResourceAsStream("dashboard-build.properties")) {
            if (in == null) {
                throw new IllegalStateException("dashboard-build.properties missing from the jar");
            }
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props.getProperty("chartjs.version");
    }
}
