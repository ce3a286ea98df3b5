package dev.clickstream.local;

import dev.clickstream.common.concurrent.DaemonThreads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
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
    private final NodeEngineServer kinesis;
    private final NodeEngineServer dynamoDb;
    private final S3ProxyServer s3;
    private final List<LocalService> started = new ArrayList<>();

    private LocalStack(LocalStackOptions options, NodeRuntime node, Path engines) {
        this.options = options;
        Path data = options.dataDir();
        this.kinesis = NodeEngineServer.kinesalite(options.kinesisPort(), engines,
                options.persist() ? data.resolve("kinesis") : null, data.resolve(".runtime/kinesis-scratch"),
                options.kinesisLimits(), options.subscriptionLimit(), options.logDir(), node);
        this.dynamoDb = NodeEngineServer.dynalite(options.dynamoDbPort(), engines,
                options.persist() ? data.resolve("dynamodb") : null, options.logDir(), node);
        this.s3 = new S3ProxyServer(options.s3Port(), options.s3Root());
    }

    /** Starts all three services; on any failure stops what started and throws with a one-line message. */
    public static LocalStack start(LocalStackOptions options) throws LocalStackException {
        routeJulToSlf4j();
        checkPorts(options);
        try {
            Files.createDirectories(options.dataDir());
            Files.createDirectories(options.logDir());
        } catch (java.io.IOException e) {
            throw new LocalStackException("cannot create " + e.getMessage() + ": check --data-dir", e);
        }
        NodeRuntime node = NodeRuntime.detect(options.nodeCommand());
        Path engines = EngineBundle.unpack(options.dataDir().resolve(".runtime/engines"));
        LocalStack stack = new LocalStack(options, node, engines);
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
        ExecutorService pool = Executors.newFixedThreadPool(services.size(), DaemonThreads.numbered("local-stack-start"));
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

    private static void checkPorts(LocalStackOptions options) throws LocalStackException {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("kinesis", options.kinesisPort());
        ports.put("dynamodb", options.dynamoDbPort());
        ports.put("s3", options.s3Port());
        Set<Integer> seen = new HashSet<>();
        for (Map.Entry<String, Integer> entry : ports.entrySet()) {
            String service = entry.getKey();
            int port = entry.getValue();
            if (port < 1 || port > 65535) {
                throw new LocalStackException(service + ": port " + port + " is out of range 1-65535");
            }
            if (!seen.add(port)) {
                throw new LocalStackException(service + ": port " + port + " is given to two services");
            }
            if (!Ports.isFree(port)) {
                throw new LocalStackException(service + ": port " + port
                        + " on 127.0.0.1 is already in use (choose another with --" + service + "-port)");
            }
        }
    }

    private List<LocalService> services() {
        return List.of(kinesis, dynamoDb, s3);
    }

    public Endpoints endpoints() {
        return new Endpoints(kinesis.endpoint(), dynamoDb.endpoint(), s3.endpoint());
    }

    public LocalStackOptions options() {
        return options;
    }

    /** The pid of the Node.js process behind Kinesis. */
    public long kinesisPid() {
        return kinesis.pid();
    }

    /** The pids of every process the stack started (the Node.js engines). */
    public List<Long> enginePids() {
        return List.of(kinesis.pid(), dynamoDb.pid());
    }

    /**
     * Stops one service as a fault would: the Node.js engines (Kinesis, DynamoDB) die by SIGKILL, S3 stops.
     * For tests that check what rides through an outage; {@link #startService} brings it back
     * on the same port, with its data where the stack persists it.
     */
    public void stopService(String name) {
        LocalService service = service(name);
        if (service instanceof NodeEngineServer engine) {
            engine.kill();
        } else {
            service.close();
        }
    }

    /** Starts a service that {@link #stopService} stopped. */
    public void startService(String name) throws LocalStackException {
        LocalService service = service(name);
        try {
            service.start();
        } catch (LocalStackException e) {
            throw e;
        } catch (Exception e) {
            throw new LocalStackException(name + ": failed to restart on port " + service.port() + ": " + e, e);
        }
    }

    private LocalService service(String name) {
        return services().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name + "; one of kinesis, dynamodb, s3"));
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
