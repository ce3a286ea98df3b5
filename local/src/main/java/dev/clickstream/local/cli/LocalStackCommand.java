package dev.clickstream.local.cli;

import dev.clickstream.common.cli.AppVersion;
import dev.clickstream.local.KinesisLimits;
import dev.clickstream.local.LocalStack;
import dev.clickstream.local.LocalStackException;
import dev.clickstream.local.LocalStackOptions;
import dev.clickstream.local.Ports;
import dev.clickstream.common.cli.Cli;
import dev.clickstream.common.cli.CliException;
import dev.clickstream.local.apps.LocalApps;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code java -jar local-stack.jar}: runs Kinesis, DynamoDB and S3 on loopback until Ctrl-C. */
@Command(name = "local-stack", mixinStandardHelpOptions = true, versionProvider = AppVersion.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Runs Kinesis (kinesalite), DynamoDB (dynalite), both on Node.js, and S3 (S3Proxy) on 127.0.0.1 until Ctrl-C or SIGTERM.",
            "Prints one line per service and then 'ready'. Needs Node.js 18 or newer on PATH.",
            "With --with-apps it also runs the whole sample on it: the producer, the S3 archiver, "
                    + "the referrer counter and the dashboard, from the jars of this build and the files in config/local.",
            "Logs go to logs/local-stack.log, logs/kinesalite.log and logs/dynalite.log (env LOG_DIR to move them)."
        })
public final class LocalStackCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--kinesis-port", paramLabel = "PORT", description = "Kinesis port (default: ${DEFAULT-VALUE}).")
    int kinesisPort = LocalStackOptions.DEFAULT_KINESIS_PORT;

    @Option(names = "--dynamodb-port", paramLabel = "PORT", description = "DynamoDB port (default: ${DEFAULT-VALUE}).")
    int dynamoDbPort = LocalStackOptions.DEFAULT_DYNAMODB_PORT;

    @Option(names = "--s3-port", paramLabel = "PORT", description = "S3 port (default: ${DEFAULT-VALUE}).")
    int s3Port = LocalStackOptions.DEFAULT_S3_PORT;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "S3 objects are plain files under DIR/s3/BUCKET/KEY (default: ${DEFAULT-VALUE}).")
    Path dataDir = Path.of("local-data");

    @Option(names = "--persist",
            description = "Keep Kinesis streams and records, DynamoDB tables (leases, counts) across restarts, under the data dir.")
    boolean persist;

    @Option(names = "--kinesis-limits", paramLabel = "aws|off", converter = KinesisLimitsConverter.class,
            description = {"aws: Kinesis enforces AWS's per-shard limits (writes 1,000 records/s and 1 MiB/s, reads 5 calls/s "
                    + "and 2 MiB/s, records 1 MiB, PutRecords 500 records and 5 MiB) and throttles as AWS does; "
                    + "off: none (default: aws)."})
    KinesisLimits kinesisLimits = KinesisLimits.AWS;

    @Option(names = "--kinesis-subscription-seconds", paramLabel = "SECONDS", converter = PositiveSecondsConverter.class,
            defaultValue = "300", description = {"How long an enhanced fan-out subscription (SubscribeToShard) lasts before Kinesis ends it "
                    + "and the consumer subscribes again (default: ${DEFAULT-VALUE}, as on AWS)."})
    Duration subscriptionLimit;

    @Option(names = "--node", paramLabel = "PATH", description = "Node.js executable (default: ${DEFAULT-VALUE}).")
    String node = "node";

    @Option(names = "--with-apps",
            description = "Also run the archiver, the counter, the dashboard and the producer on the stack.")
    boolean withApps;

    @Option(names = "--dashboard-port", paramLabel = "PORT",
            description = "Dashboard port with --with-apps (default: ${DEFAULT-VALUE}).")
    int dashboardPort = 8080;

    @Option(names = "--project-dir", paramLabel = "DIR",
            description = "Where bin/, the built jars and config/local are, for --with-apps (default: ${DEFAULT-VALUE}).")
    Path projectDir = Path.of(".");


    public static void main(String[] args) {
        Cli.main(new LocalStackCommand(), args);
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        long startNanos = System.nanoTime();
        LocalStackOptions options = new LocalStackOptions(kinesisPort, dynamoDbPort, s3Port, dataDir, persist, node, logDir(),
                kinesisLimits, subscriptionLimit);
        LocalStack stack;
        try {
            if (withApps) {
                LocalApps.checkBuilt(projectDir);
                if (!Ports.isFree(dashboardPort)) {
                    throw new LocalStackException("dashboard: port " + dashboardPort
                            + " on 127.0.0.1 is already in use (choose another with --dashboard-port)");
                }
            }
            stack = LocalStack.start(options);
        } catch (LocalStackException e) {
            throw new CliException(CliException.USAGE, e.getMessage(), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicReference<LocalApps> apps = new AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("stopping...");
            out.flush();
            LocalApps running = apps.getAndSet(null);
            if (running != null) {
                running.close();
            }
            stack.close();
            out.println("stopped");
            out.flush();
            stopped.countDown();
        }, "local-stack-shutdown"));
        stack.describe().forEach(out::println);
        out.printf("ready in %.1f s (Ctrl-C to stop)%n", (System.nanoTime() - startNanos) / 1e9);
        out.flush();
        if (withApps) {
            LocalApps starting = new LocalApps();
            apps.set(starting);
            boolean running;
            try {
                running = starting.start(stack, projectDir, options.logDir(), dashboardPort, out);
            } catch (LocalStackException e) {
                throw new CliException(CliException.RUNTIME, e.getMessage(), e);
            }
            if (running) {
                out.printf("dashboard http://127.0.0.1:%d/   archive %s   logs %s/<app>/application.log%n",
                        dashboardPort, options.s3Root(), options.logDir());
                out.flush();
            }
        }
        stopped.await();
        return 0;
    }

    /** Same rule as logback.xml: LOG_DIR from a system property or the environment, else ./logs. */
    private static Path logDir() {
        String dir = System.getProperty("LOG_DIR", System.getenv().getOrDefault("LOG_DIR", "logs"));
        return Path.of(dir);
    }

    /** aws or off, in any case; anything else is a usage error naming both. */
    static final class KinesisLimitsConverter implements picocli.CommandLine.ITypeConverter<KinesisLimits> {
        @Override
        public KinesisLimits convert(String value) {
            for (KinesisLimits limits : KinesisLimits.values()) {
                if (limits.cliValue().equalsIgnoreCase(value.strip())) {
                    return limits;
                }
            }
            throw new picocli.CommandLine.TypeConversionException("expected aws or off, not '" + value + "'");
        }
    }

    /** A whole number of seconds, at least 1; shown as that number. */
    static final class PositiveSecondsConverter implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            long seconds;
            try {
                seconds = Long.parseLong(value.strip());
            } catch (NumberFormatException e) {
                seconds = 0;
            }
            if (seconds < 1) {
                throw new picocli.CommandLine.TypeConversionException(
                        "expected a whole number of seconds, at least 1, not '" + value + "'");
            }
            return Duration.ofSeconds(seconds);
        }
    }
}
