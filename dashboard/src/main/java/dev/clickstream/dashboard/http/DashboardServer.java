package dev.clickstream.dashboard.http;

import com.sun.net.httpserver.HttpServer;
import dev.clickstream.common.concurrent.DaemonThreads;
import dev.clickstream.dashboard.store.CountsReader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** The dashboard's HTTP server (the JDK's own): the JSON API under /api and the page with its scripts. */
public final class DashboardServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;

    private DashboardServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Binds and starts serving; port 0 takes any free port. */
    public static DashboardServer start(String bind, int port, CountsReader reader, int maxRangeInSeconds)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 64);
        ExecutorService executor = Executors.newFixedThreadPool(8, DaemonThreads.numbered("dashboard-http"));
        server.setExecutor(executor);
        server.createContext("/api/", new ApiHandler(reader, maxRangeInSeconds));
        server.createContext("/", new StaticHandler());
        server.start();
        return new DashboardServer(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The page's URL, with a loopback address when bound to all interfaces. */
    public URI url() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + address.getPort() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
