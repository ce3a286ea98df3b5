package dev.clickstream.consumer.cli;

import dev.clickstream.common.aws.CredentialsProviders;
import dev.clickstream.common.cli.AppVersion;
import dev.clickstream.common.cli.Cli;
import dev.clickstream.common.cli.ShutdownGuards;
import dev.clickstream.common.cli.CliException;
import dev.clickstream.common.cli.ConfigOptions;
import dev.clickstream.common.config.ConfigDef;
import dev.clickstream.consumer.config.ConfigSource;
import dev.clickstream.consumer.config.ConsumerConfig;
import dev.clickstream.consumer.config.RetrievalMode;
import dev.clickstream.consumer.kcl.ConsumerRuntime;
import dev.clickstream.consumer.kcl.HaltAfterPutObject;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code java -jar consumer.jar --properties FILE}: a KCL worker that runs the chosen processor until stopped. */
@Command(name = "consumer", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = AppVersion.class,
        description = {"Reads a Kinesis stream with the KCL and archives each shard's records to S3 in batches, "
                + "checkpointing after each upload. Every key of the properties file is also an option below and an "
                + "environment variable CLICKSTREAM_<KEY> (e.g. CLICKSTREAM_STREAM_NAME); options win over the "
                + "environment, which wins over the file. Logs go to application.log in $LOG_DIR (default ./logs).",
                ""},
        footer = {"", "Exit codes: 0 stopped, 1 run-time failure (missing stream or bucket, unreachable service), "
                + "2 usage or configuration error. SIGTERM / Ctrl-C uploads and checkpoints what is buffered, then exits."})
public final class ConsumerCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerCommand.class);

    private final ConfigDef def = ConsumerConfig.definition();

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--properties", paramLabel = "FILE", order = -1,
            description = "Properties file with the configuration (KCL multi-language names). Optional when every "
                    + "required key comes from options or the environment.")
    Path properties;

    public static CommandLine commandLine() {
        ConsumerCommand command = new ConsumerCommand();
        CommandLine cl = Cli.commandLine(command);
        ConfigOptions.addTo(cl.getCommandSpec(), command.def);
        return cl;
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        ConfigSource.Loaded loaded = ConfigSource.load(properties, System.getenv(),
                ConfigOptions.given(spec.commandLine().getParseResult(), def));
        ConsumerConfig config = loaded.config();
        if (!loaded.unknownKeys().isEmpty()) {
            String keys = String.join(", ", loaded.unknownKeys());
            LOG.warn("Unknown keys in {} ignored: {}", properties, keys);
            System.err.println("consumer: warning: unknown keys in " + properties + " ignored: " + keys);
        }
        LOG.info("Configuration:\n  {}", String.join("\n  ", config.values().describe()));

        List<ExecutionInterceptor> crashTest = HaltAfterPutObject.fromSystemProperty();
        if (!crashTest.isEmpty()) {
            LOG.warn("Crash-test hook on (-D{}): this JVM halts after a PutObject", HaltAfterPutObject.PROPERTY);
            out.println("consumer: WARNING: crash-test hook -D" + HaltAfterPutObject.PROPERTY
                    + " is set: the consumer halts after a PutObject, without checkpointing");
        }
        ConsumerRuntime runtime = ConsumerRuntime.start(config, crashTest, out);
        out.println("consumer: worker " + config.workerId() + " of application " + config.applicationName()
                + " reading stream " + config.streamName() + " at " + config.endpoints().kinesisSettings().describeTarget()
                + (config.kcl().retrievalMode() == RetrievalMode.FANOUT
                        ? " by enhanced fan-out as stream consumer " + config.applicationName() : "")
                + " (credentials " + CredentialsProviders.describe(config.endpoints().credentialsSpec()) + ")");
        String what = runtime.processor().description();
        what.lines().forEach(line -> out.println("consumer: " + line));
        out.println("consumer: running; Ctrl-C stops after uploading what is buffered");
        out.flush();

        Duration timeout = Duration.ofMillis(config.processing().shutdownTimeoutMillis());
        Thread hook = new Thread(() -> {
            // the graceful part is bounded by the timeout; the rest (hard KCL stop, clients) by this
            ShutdownGuards.haltAfter(timeout.plusSeconds(4), "consumer");
            out.println("consumer: stopping: uploading and checkpointing buffered records (at most "
                    + timeout.toSeconds() + " s)");
            out.flush();
            boolean graceful = runtime.stopGracefully(timeout);
            out.println("consumer: stopped" + (graceful ? "" : " (shutdown timed out)") + ": "
                    + runtime.counters().records() + " records, " + runtime.counters().outputs() + " "
                    + runtime.processor().outputNoun()
                    + (runtime.counters().skipped() == 0 ? "" : ", " + runtime.counters().skipped() + " malformed skipped"));
            out.flush();
        }, "graceful-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        runtime.awaitSchedulerExit();
        if (runtime.isStopping()) {
            // the shutdown hook owns the rest; wait for it instead of racing it
            hook.join();
            return 0;
        }
        Runtime.getRuntime().removeShutdownHook(hook);
        runtime.close();
        throw CliException.runtime("the KCL scheduler stopped (it could not initialise: lease table or stream "
                + "unreachable?); details in the log file");
    }
}
