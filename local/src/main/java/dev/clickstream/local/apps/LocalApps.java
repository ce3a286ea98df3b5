package dev.clickstream.local.apps;

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

/**
 * The whole sample on the local stack: the S3 archiver, the referrer counter, the dashboard and
 * the producer, each a separate JVM started from the jars the build made, with the shipped
 * {@code config/local} files. The stack's actual endpoints are passed as environment overrides,
 * so the apps follow the stack onto non-default ports.
 */
public final class LocalApps implements AutoCloseable {
    private final List<AppProcess> started = new ArrayList<>();

    private LocalApps() {}

    /** The apps, in start order: consumers and dashboard first, so the producer's first records are seen. */
    static List<AppSpec> specs(Path projectDir, int dashboardPort) {
        Path config = projectDir.resolve("config/local");
        Path consumerJar = projectDir.resolve("consumer/target/consumer.jar");
        return List.of(
                new AppSpec("archiver", consumerJar,
                        List.of("--properties", config.resolve("sample.properties").toString()), Duration.ofSeconds(60)),
                new AppSpec("counter", consumerJar,
                        List.of("--properties", config.resolve("counter.properties").toString()), Duration.ofSeconds(60)),
                new AppSpec("dashboard", projectDir.resolve("dashboard/target/dashboard.jar"),
                        List.of("--config", config.resolve("counter.properties").toString(),
                                "--port", Integer.toString(dashboardPort)), Duration.ofSeconds(10)),
                new AppSpec("producer", projectDir.resolve("producer/target/producer.jar"),
                        List.of("--config", config.resolve("producer.properties").toString()), Duration.ofSeconds(30)));
    }

    /** Checks before anything starts, so a missing build gives one clear line instead of a half-started sample. */
    public static void checkBuilt(Path projectDir) throws LocalStackException {
        for (AppSpec spec : specs(projectDir, 0)) {
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

    public static LocalApps start(LocalStack stack, Path projectDir, Path logDir, int dashboardPort,
                                  PrintWriter console) throws LocalStackException {
        Map<String, String> env = Map.of(
                "CLICKSTREAM_KINESIS_ENDPOINT", stack.kinesisEndpoint().toString(),
                "CLICKSTREAM_DYNAMO_DB_ENDPOINT", stack.dynamoDbEndpoint().toString(),
                "CLICKSTREAM_S3_ENDPOINT", stack.s3Endpoint().toString());
        LocalApps apps = new LocalApps();
        try {
            for (AppSpec spec : specs(projectDir, dashboardPort)) {
                apps.started.add(AppProcess.start(spec, projectDir, logDir.resolve(spec.name()), env, console));
            }
        } catch (IOException e) {
            apps.close();
            throw new LocalStackException("apps: could not start: " + e.getMessage());
        }
        return apps;
    }

    /** Stops the producer first, then the rest, so the consumers archive everything it sent. */
    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        started.clear();
    }
}
