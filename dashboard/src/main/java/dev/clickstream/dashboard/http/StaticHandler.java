package dev.clickstream.dashboard.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** The page and its scripts, from the jar: nothing is fetched from anywhere else, so it works offline. */
final class StaticHandler extends Handler.Abstract {
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
    public boolean handle(Request request, Response response, Callback callback) throws IOException {
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            Responses.text(response, callback, 405, "method not allowed");
            return true;
        }
        Asset asset = assets.get(request.getHttpURI().getPath());
        if (asset == null) {
            Responses.text(response, callback, 404, "not found");
            return true;
        }
        byte[] body;
        try (InputStream in = StaticHandler.class.getClassLoader().getResourceAsStream(asset.classpath())) {
            if (in == null) {
                throw new IOException("missing from the jar: " + asset.classpath());
            }
            body = in.readAllBytes();
        }
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, asset.immutable() ? "max-age=86400" : "no-cache");
        Responses.send(response, callback, 200, asset.contentType(), body);
        return true;
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
