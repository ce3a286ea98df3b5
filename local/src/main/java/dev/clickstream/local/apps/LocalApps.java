package dev.clickstream.local.apps;

import dev.clickstream.common.cli.ShutdownGuards;
import dev.clickstream.local.Endpoints;
import dev.clickstream.local.LocalStack;
import dev.clickstream.local.LocalStackException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The whole sample on the local stack: the producer, the S3 archiver, the referrer counter and
 * the dashboard, each a separate JVM started by its launcher in {@code bin/} (which gives it its
 * JVM options) from the jars the build made, with the shipped {@code config/local} files. The stack's actual endpoints are passed as environment overrides,
 * so the apps follow the stack onto non-default ports.
 */
public final class LocalApps implements AutoCloseable {
    private final List<AppProcess> started = new ArrayList<>();
    private boolean closed;

    /** The producer prints this once its stream is ACTIVE and it starts sending. */
    static final Pattern PRODUCER_SENDING = Pattern.compile("^sending ");
    /** The dashboard prints this once it is listening, so the URL the launcher prints then works. */
    static final Pattern DASHBOARD_READY = Pattern.compile("^ready ");

    /**
     * The apps, in start order. The producer creates the stream, and a consumer refuses to start on
     * a stream that does not exist, so the others start once the producer says it is sending. The
     * archiver reads from TRIM_HORIZON, so it still archives every record from the first.
     */
    static List<AppSpec> specs(Path projectDir, int dashboardPort) {
        Path config = projectDir.resolve("config/local");
        Path bin = projectDir.resolve("bin");
        Path consumerJar = projectDir.resolve("consumer/target/consumer.jar");
        return List.of(
                new AppSpec("producer", bin.resolve("producer"), projectDir.resolve("producer/target/producer.jar"),
                        List.of("--properties", config.resolve("producer.properties").toString()), Duration.ofSeconds(30))
                        .readyWhen(PRODUCER_SENDING, Duration.ofSeconds(90)),
                new AppSpec("archiver", bin.resolve("consumer"), consumerJar,
                        List.of("--properties", config.resolve("sample.properties").toString()), Duration.ofSeconds(60)),
                new AppSpec("counter", bin.resolve("consumer"), consumerJar,
                        List.of("--properties", config.resolve("counter.properties").toString()), Duration.ofSeconds(60)),
                new AppSpec("dashboard", bin.resolve("dashboard"), projectDir.resolve("dashboard/target/dashboard.jar"),
                        List.of("--properties", config.resolve("counter.properties").toString(),
                                "--port", Integer.toString(dashboardPort)), Duration.ofSeconds(10))
                        .readyWhen(DASHBOARD_READY, Duration.ofSeconds(60)));
    }

    /** Checks before anything starts, so a missing build gives one clear line instead of a half-started sample. */
    public static void checkBuilt(Path projectDir) throws LocalStackException {
        for (AppSpec spec : specs(projectDir, 0)) {
            if (!Files.isExecutable(spec.launcher())) {
                throw new LocalStackException(spec.name() + ": " + spec.launcher()
                        + " not found (run from the project directory)");
            }
            if (!Files.isRegularFile(spec.jar())) {
                throw new LocalStackException(spec.name() + ": " + spec.jar()
                        + " not found (build it first: mvn -B -q package -DskipTests)");
            }
        }
        Path config = projectDir.resolve("config/local");
        if (!Files.isDirectory(config)) {
            throw new LocalStackException("apps: " + config + " not found (run from the project directory)");
        }
    }

    /**
     * Starts the apps one after the other, each once the one before is ready. A {@link #close()}
     * from another thread (Ctrl-C while they start) stops what has started and ends this quietly.
     *
     * @return true once all are ready, false if they were closed meanwhile
     */
    public boolean start(LocalStack stack, Path projectDir, Path logDir, int dashboardPort, PrintWriter console)
            throws LocalStackException {
        Endpoints endpoints = stack.endpoints();
        Map<String, String> env = Map.of(
                "CLICKSTREAM_KINESIS_ENDPOINT", endpoints.kinesis().toString(),
                "CLICKSTREAM_DYNAMO_DB_ENDPOINT", endpoints.dynamoDb().toString(),
                "CLICKSTREAM_S3_ENDPOINT", endpoints.s3().toString(),
                // the apps stop by themselves when this launcher dies, even by SIGKILL
                ShutdownGuards.EXIT_WITH_PARENT, Long.toString(ProcessHandle.current().pid()));
        try {
            for (AppSpec spec : specs(projectDir, dashboardPort)) {
                AppProcess app;
                synchronized (this) {
                    if (closed) {
                        return false;
                    }
                    app = AppProcess.start(spec, projectDir, logDir.resolve(spec.name()), env, console);
                    started.add(app);
                }
                app.awaitReady();
            }
        } catch (IOException e) {
            if (isClosed()) {
                return false;
            }
            close();
            throw new LocalStackException("apps: could not start: " + e.getMessage());
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new LocalStackException("apps: interrupted while starting");
        }
        return true;
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    /**
     * Stops the producer first, so the consumers see the last records it sent, then the others
     * together: each consumer uploads and checkpoints what it holds in its own time.
     */
    @Override
    public void close() {
        List<AppProcess> apps;
        synchronized (this) {
            closed = true;
            apps = List.copyOf(started);
            started.clear();
        }
        if (apps.isEmpty()) {
            return;
        }
        apps.get(0).close();
        List<AppProcess> rest = apps.subList(1, apps.size());
        rest.forEach(AppProcess::requestStop);
        rest.forEach(AppProcess::close);
    }
}
