package dev.clickstream.local;

import com.amazonaws.services.dynamodbv2.local.main.CommandLineInput;
import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** DynamoDB: DynamoDB Local, in this JVM, in memory or (with a directory) in a SQLite file. */
final class DynamoDbLocalServer implements LocalService {
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbLocalServer.class);
    static final String VERSION = "2.6.1";

    private final int port;
    private final Path dbDir;
    private DynamoDBProxyServer server;

    /** @param dbDir where tables are kept across restarts, or null for memory only */
    DynamoDbLocalServer(int port, Path dbDir) {
        this.port = port;
        this.dbDir = dbDir;
    }

    @Override
    public String name() {
        return "dynamodb";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String description() {
        return "DynamoDB Local " + VERSION + (dbDir == null ? ", in memory" : ", persisted");
    }

    @Override
    public void start() throws Exception {
        List<String> args = new ArrayList<>(List.of("-port", Integer.toString(port), "-sharedDb", "-disableTelemetry"));
        if (dbDir == null) {
            args.add("-inMemory");
        } else {
            Files.createDirectories(dbDir);
            args.addAll(List.of("-dbPath", dbDir.toAbsolutePath().toString()));
        }
        // createServerFromCommandLineArgs would print a banner on stdout; the two steps behind it do not.
        CommandLineInput input = new CommandLineInput(args.toArray(String[]::new));
        if (!input.init()) {
            throw new LocalStackException("dynamodb: DynamoDB Local rejected its arguments " + args);
        }
        server = ServerRunner.createServer(input);
        bindToLoopback(server);
        server.start();
        LOG.info("{} listening on {}", description(), endpoint());
    }

    /**
     * DynamoDB Local has no host option and would listen on every interface. Its Jetty server is
     * a private field; setting the connector's host before start is the only way in.
     */
    private static void bindToLoopback(DynamoDBProxyServer proxy) throws ReflectiveOperationException {
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        Server jetty = (Server) field.get(proxy);
        for (Connector connector : jetty.getConnectors()) {
            if (connector instanceof ServerConnector serverConnector) {
                serverConnector.setHost(Ports.LOOPBACK.getHostAddress());
            } else {
                throw new IllegalStateException("unexpected DynamoDB Local connector " + connector);
            }
        }
    }

    @Override
    public void close() {
        if (server == null) {
            return;
        }
        try {
            server.stop();
            LOG.info("DynamoDB Local stopped");
        } catch (Exception e) {
            LOG.warn("DynamoDB Local did not stop cleanly", e);
        }
    }
}
