package dev.clickstream.local;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Kinesis, DynamoDB and S3 on 127.0.0.1, started together and stopped together. Used by the
 * {@code local-stack} command and, in-process, by the tests.
 */
public final class LocalStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

    private final LocalStackOptions options;
    private final KinesisLocalServer kinesis;
    private final DynamoDbLocalServer dynamoDb;
    private final S3ProxyServer s3;
    private final List<LocalService> started = new ArrayList<>();

    private LocalStack(LocalStackOptions options) {
        this.options = options;
        Path data = options.dataDir();
        this.kinesis = new KinesisLocalServer(options.kinesisPort(), data.resolve(".runtime/kinesis-local"),
                options.persist() ? data.resolve("kinesis") : null,
                options.logDir().resolve("kinesis-local.log"), options.nodeCommand());
        this.dynamoDb = new DynamoDbLocalServer(options.dynamoDbPort(), options.persist() ? data.resolve("dynamodb") : null);
        this.s3 = new S3ProxyServer(options.s3Port(), options.s3Root());
    }

    /** Starts all three services; on any failure stops what started and throws with a one-line message. */
    public static LocalStack start(LocalStackOptions options) throws LocalStackException {
        routeJulToSlf4j();
        LocalStack stack = new LocalStack(options);
        try {
            stack.startAll();
            return stack;
        } catch (LocalStackException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll() throws LocalStackException {
        List<LocalService> services = services();
        checkPorts(services);
        try {
            Files.createDirectories(options.dataDir());
            Files.createDirectories(options.logDir());
        } catch (java.io.IOException e) {
            throw new LocalStackException("cannot create " + e.getMessage() + ": check --data-dir", e);
        }
        kinesis.checkNode();
        ExecutorService pool = Executors.newFixedThreadPool(services.size(), r -> {
            Thread t = new Thread(r, "local-stack-start");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (LocalService service : services) {
                synchronized (started) {
                    started.add(service);
                }
                futures.add(pool.submit(() -> {
                    service.start();
                    return null;
                }));
            }
            for (int i = 0; i < futures.size(); i++) {
                awaitStart(services.get(i), futures.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void awaitStart(LocalService service, Future<?> future) throws LocalStackException {
        try {
            future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LocalStackException lse) {
                throw lse;
            }
            LOG.error("{} failed to start", service.name(), cause);
            throw new LocalStackException(service.name() + ": failed to start on port " + service.port() + ": "
                    + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted while starting " + service.name());
        }
    }

    private static void checkPorts(List<LocalService> services) throws LocalStackException {
        Set<Integer> seen = new HashSet<>();
        for (LocalService service : services) {
            int port = service.port();
            if (port < 1 || port > 65535) {
                throw new LocalStackException(service.name() + ": port " + port + " is out of range 1-65535");
            }
            if (!seen.add(port)) {
                throw new LocalStackException(service.name() + ": port " + port + " is given to two services");
            }
            if (!Ports.isFree(port)) {
                throw new LocalStackException(service.name() + ": port " + port
                        + " on 127.0.0.1 is already in use (choose another with --" + service.name() + "-port)");
            }
        }
    }

    private List<LocalService> services() {
        return List.of(kinesis, dynamoDb, s3);
    }

    public URI kinesisEndpoint() {
        return kinesis.endpoint();
    }

    public URI dynamoDbEndpoint() {
        return dynamoDb.endpoint();
    }

    public URI s3Endpoint() {
        return s3.endpoint();
    }

    public LocalStackOptions options() {
        return options;
    }

    /** The pid of the Node.js process behind Kinesis. */
    public long kinesisPid() {
        return kinesis.pid();
    }

    /** One line per service: name, endpoint, what runs behind it. */
    public List<String> describe() {
        return services().stream()
                .map(s -> String.format("%-9s %-24s %s", s.name(), s.endpoint(), s.description()))
                .toList();
    }

    /** Stops every service that was started, in reverse order. Safe to call twice. */
    @Override
    public void close() {
        List<LocalService> toStop;
        synchronized (started) {
            toStop = new ArrayList<>(started);
            started.clear();
        }
        for (int i = toStop.size() - 1; i >= 0; i--) {
            toStop.get(i).close();
        }
    }

    private static void routeJulToSlf4j() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }
}
