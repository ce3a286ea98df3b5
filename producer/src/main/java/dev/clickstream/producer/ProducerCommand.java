package dev.clickstream.producer;

import dev.clickstream.common.cli.AppVersion;
import dev.clickstream.common.cli.Cli;
import dev.clickstream.common.cli.CliException;
import dev.clickstream.common.cli.ConfigOptions;
import dev.clickstream.common.config.ConfigLoader;
import dev.clickstream.common.config.ConfigValues;
import dev.clickstream.common.config.Durations;
import dev.clickstream.producer.config.ProducerConfig;
import dev.clickstream.producer.config.ProducerKeys;
import dev.clickstream.producer.send.SendStats;
import dev.clickstream.producer.stream.StreamProvisioner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** {@code java -jar producer.jar}: creates the stream if needed, then sends click events until told to stop. */
@Command(name = "producer", mixinStandardHelpOptions = true, versionProvider = AppVersion.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Creates the Kinesis stream if it is missing, waits until it is ACTIVE, then sends click events "
                    + "({\"resource\":...,\"referrer\":...}, partition key = resource) in paced PutRecords "
                    + "batches, resending failed records. Runs until --count records are acknowledged, "
                    + "--duration is over, or Ctrl-C.",
            "Every config key can be set in the --config file, as env CLICKSTREAM_<KEY> or as its option; "
                    + "options win over env, env over the file.",
            "Exit code 0 only if every record was acknowledged, 1 on a run-time failure, 2 on bad input. "
                    + "The detailed log goes to logs/application.log (env LOG_DIR to move it).",
            ""
        })
public final class ProducerCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ProducerCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = {"--properties", "--config"}, paramLabel = "FILE",
            description = "Properties file with the keys below (--config is the same option).")
    Path configFile;

    @Option(names = "--count", paramLabel = "N",
            description = "Stop after N records are acknowledged (or finally failed). [default: no limit]")
    Long count;

    @Option(names = "--duration", paramLabel = "DURATION",
            description = "Stop generating after this long, e.g. 30s or 5m. [default: no limit]")
    String duration;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed of the event generator, for a reproducible sequence. [default: random, printed]")
    Long seed;

    public static CommandLine commandLine() {
        CommandLine cl = Cli.commandLine(new ProducerCommand());
        ConfigOptions.addTo(cl.getCommandSpec(), ProducerKeys.DEF);
        return cl;
    }

    @Override
    public Integer call() throws InterruptedException {
        ProducerConfig config = loadConfig();
        PrintWriter out = spec.commandLine().getOut();
        LOG.info("producer starting with {}", config);
        CountDownLatch finished = new CountDownLatch(1);
        ProducerRun[] current = new ProducerRun[1];
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            if (finished.getCount() == 0) {
                return;
            }
            LOG.info("shutdown signal received");
            ProducerRun run;
            synchronized (current) {
                run = current[0];
            }
            if (run != null) {
                run.requestStop();
            } else {
                // still setting up the stream: nothing is in flight, so stop waiting for it
                main.interrupt();
            }
            try {
                // the main thread prints the summary; the JVM must not end before it has
                finished.await(config.shutdownGrace().toMillis() + 5_000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "producer-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (KinesisClient client = KinesisClients.build(config)) {
            try {
                new StreamProvisioner(client, config.describeInterval(), config.readyTimeout(), line -> print(out, line))
                        .ensureActive(config.stream(), config.shards());
            } catch (InterruptedException e) {
                throw CliException.runtime("stopped while waiting for stream " + config.stream() + "; nothing was sent");
            }
            ProducerRun run = new ProducerRun(config, client, line -> print(out, line));
            synchronized (current) {
                current[0] = run;
            }
            ProducerRun.Result result = run.run();
            print(out, summary(result));
            LOG.info("exit: {}", result);
            if (result.error().isPresent()) {
                throw CliException.runtime("stopped: " + result.error().get());
            }
            return result.allAcknowledged() ? 0 : 1;
        } finally {
            finished.countDown();
        }
    }

    static String summary(ProducerRun.Result r) {
        SendStats.Snapshot t = r.totals();
        double seconds = r.elapsed().toNanos() / 1e9;
        String line = String.format("%s in %.1f s: sent %d, acknowledged %d, retried %d, failed %d; %.0f records/s",
                r.stoppedEarly() ? "stopped" : "done", seconds, t.sent(), t.acknowledged(), t.retried(), t.failed(),
                seconds <= 0 ? 0 : t.acknowledged() / seconds);
        if (r.aggregated()) {
            line += String.format("; %d Kinesis records (%.1f records each)", t.kinesisRecords(),
                    t.kinesisRecords() == 0 ? 0 : (double) t.acknowledged() / t.kinesisRecords());
        }
        if (r.unconfirmed() > 0) {
            line += "; " + r.unconfirmed() + " records still in flight at shutdown, not confirmed";
        }
        return line;
    }

    private ProducerConfig loadConfig() {
        Map<String, String> given = ConfigOptions.given(spec.commandLine().getParseResult(), ProducerKeys.DEF);
        ConfigLoader loader = ConfigLoader.of(ProducerKeys.DEF).environment(System.getenv()).overrides(given);
        if (configFile != null) {
            loader.file(configFile);
        }
        ConfigValues values = loader.load().values();
        if (count != null && count < 1) {
            throw CliException.usage("--count must be at least 1, got " + count);
        }
        Optional<Duration> limit = Optional.empty();
        if (duration != null) {
            try {
                limit = Optional.of(Durations.parse(duration));
            } catch (IllegalArgumentException e) {
                throw CliException.usage("--duration " + e.getMessage() + ", got '" + duration + "'");
            }
            if (limit.get().isZero()) {
                throw CliException.usage("--duration must be more than 0");
            }
        }
        return ProducerConfig.from(values, count == null ? OptionalLong.empty() : OptionalLong.of(count), limit,
                seed == null ? OptionalLong.empty() : OptionalLong.of(seed));
    }

    private static void print(PrintWriter out, String line) {
        out.println(line);
        out.flush();
    }
}
