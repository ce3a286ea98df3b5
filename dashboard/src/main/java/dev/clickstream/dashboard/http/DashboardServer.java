package dev.clickstream.dashboard.http;

import dev.clickstream.dashboard.store.CountsReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The dashboard's HTTP server (Jetty, non-blocking): the JSON API under /api and the page with its
 * scripts. A connection that sends nothing holds no thread; it is closed after {@link #IDLE_TIMEOUT},
 * and sooner once {@link #MAX_CONNECTIONS} are open, so quiet or slow clients cannot starve others.
 */
public final class DashboardServer implements AutoCloseable {
    /** How long a connection may stay silent, in the middle of a request or between requests. */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);
    /** At most this many open connections; beyond them, new ones wait in the accept queue. */
    static final int MAX_CONNECTIONS = 256;
    /** The idle timeout of existing connections while the limit is reached. */
    static final Duration IDLE_TIMEOUT_AT_LIMIT = Duration.ofSeconds(1);
    /** Request line and headers together; the API needs far less. */
    static final int MAX_REQUEST_HEADER_BYTES = 8 * 1024;

    private final Server server;
    private final ServerConnector connector;

    private DashboardServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /** Binds and starts serving; port 0 takes any free port. */
    public static DashboardServer start(String bind, int port, CountsReader reader, int maxRangeInSeconds)
            throws IOException {
        QueuedThreadPool threads = new QueuedThreadPool(16, 4);
        threads.setName("dashboard-http");
        threads.setDaemon(true);
        Server server = new Server(threads);
        server.setStopTimeout(1000);

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES);
        http.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(bind);
        connector.setPort(port);
        connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        connector.setAcceptQueueSize(64);
        server.addConnector(connector);
        NetworkConnectionLimit limit = new NetworkConnectionLimit(MAX_CONNECTIONS, server);
        limit.setEndPointIdleTimeout(IDLE_TIMEOUT_AT_LIMIT.toMillis());
        server.addBean(limit);

        PathMappingsHandler routes = new PathMappingsHandler();
        routes.addMapping(PathSpec.from("/api/*"), new ApiHandler(reader, maxRangeInSeconds));
        routes.addMapping(PathSpec.from("/"), new StaticHandler());
        server.setHandler(new SecurityHeaders(routes));
        server.setErrorHandler(new JsonErrorHandler());
        try {
            server.start();
        } catch (IOException e) {
            stopQuietly(server);
            throw e;
        } catch (Exception e) {
            stopQuietly(server);
            throw new IOException("cannot start the HTTP server: " + e.getMessage(), e);
        }
        return new DashboardServer(server, connector);
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** The address the server really listens on, e.g. {@code 0.0.0.0:8080} or {@code 127.0.0.1:8080}. */
    public InetSocketAddress listening() {
        Object address = connector.getTransport() instanceof java.nio.channels.ServerSocketChannel channel
                ? localAddress(channel) : null;
        return address instanceof InetSocketAddress inet ? inet : new InetSocketAddress(connector.getHost(), port());
    }

    /** What the server listens on, for people: {@code [::]:8080 (every interface)}, {@code 10.0.0.5:8080}. */
    public String describeListening() {
        InetAddress address = listening().getAddress();
        if (address == null) {
            return connector.getHost() + ":" + port();
        }
        String host = address.isAnyLocalAddress() ? (address instanceof java.net.Inet6Address ? "::" : "0.0.0.0")
                : address.getHostAddress();
        String shown = host.contains(":") ? "[" + host + "]:" + port() : host + ":" + port();
        return address.isAnyLocalAddress() ? shown + " (every interface)" : shown;
    }

    /** Whether the server listens on an address other machines can reach. */
    public boolean reachableFromNetwork() {
        InetAddress address = listening().getAddress();
        return address == null || !address.isLoopbackAddress();
    }

    /** The page's URL, with a loopback address when bound to all interfaces. */
    public URI url() {
        InetAddress address = listening().getAddress();
        String host = address == null || address.isAnyLocalAddress() ? "127.0.0.1" : address.getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + port() + "/");
    }

    @Override
    public void close() {
        stopQuietly(server);
    }

    private static Object localAddress(java.nio.channels.ServerSocketChannel channel) {
        try {
            return channel.getLocalAddress();
        } catch (IOException e) {
            return null;
        }
    }

    private static void stopQuietly(Handler server) {
        try {
            server.stop();
        } catch (Exception e) {
            // stopping is best effort: the JVM is about to end or the start failed
        }
    }
}
