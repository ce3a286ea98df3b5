package dev.clickstream.dashboard;

import dev.clickstream.common.aws.ServiceProbe;
import dev.clickstream.common.cli.AppVersion;
import dev.clickstream.common.cli.ShutdownGuards;
import dev.clickstream.common.cli.Cli;
import dev.clickstream.common.cli.CliException;
import dev.clickstream.common.cli.ConfigOptions;
import dev.clickstream.common.config.ConfigLoader;
import dev.clickstream.common.config.ConfigValues;
import dev.clickstream.common.config.NearMisses;
import dev.clickstream.dashboard.http.DashboardServer;
import dev.clickstream.dashboard.store.CountsReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** {@code java -jar dashboard.jar}: serves the live referrer-counts page until Ctrl-C. */
@Command(name = "dashboard", mixinStandardHelpOptions = true, versionProvider = AppVersion.class,
        sortOptions = false, usageHelpWidth = 120,
        description = {"Serves the live referrer-counts page and its JSON API, read from the counter's DynamoDB table.",
                "Reads regionName, dynamoDBEndpoint, AwsCredentialsProvider and countsTable from the counter's "
                        + "properties file and ignores its other keys. Each key is also CLICKSTREAM_<KEY> in the environment."})
public final class DashboardCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardCommand.class);

    @Option(names = {"--properties", "--config"}, paramLabel = "FILE", order = 0,
            description = "Properties file, e.g. config/local/counter.properties (--config is the same option) "
                    + "[default: none]")
    private Path config;

    @Spec
    private CommandSpec spec;

    private final CountDownLatch stop = new CountDownLatch(1);

    public static void main(String... args) {
        ShutdownGuards.exitWithParentIfAsked();
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cl = Cli.commandLine(new DashboardCommand());
        ConfigOptions.addTo(cl.getCommandSpec(), DashboardSettings.KEYS);
        return cl;
    }

    @Override
    public Integer call() throws Exception {
        ConfigLoader.Loaded loaded = ConfigLoader.of(DashboardSettings.KEYS)
                .file(config)
                .environment(System.getenv())
                .overrides(ConfigOptions.given(spec.commandLine().getParseResult(), DashboardSettings.KEYS))
                .aliases(DashboardSettings.ALIASES)
                .unknownKeys(ConfigLoader.UnknownKeys.WARN) // the counter's keys share the file
                .load();
        ConfigValues values = loaded.values();
        DashboardSettings settings = DashboardSettings.from(values);
        LOG.info("starting with {}", values.describe());
        PrintWriter out = spec.commandLine().getOut();
        warnNearMisses(loaded.unknownKeys(), spec.commandLine().getErr());
        checkBindAddress(settings.bind());

        try (DynamoDbClient dynamoDb = settings.aws().configure(DynamoDbClient.builder())
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            String tableNote = checkTable(dynamoDb, settings);
            CountsReader reader = new CountsReader(dynamoDb, settings.countsTable(), Clock.systemUTC());
            DashboardServer server;
            try {
                server = DashboardServer.start(settings.bind(), settings.port(), reader, settings.maxRangeInSeconds());
            } catch (BindException e) {
                throw CliException.usage("port " + settings.port() + " on " + settings.bind()
                        + " is already in use or not available (choose another with --port)");
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stop.countDown();
            }, "dashboard-shutdown"));
            out.println("dashboard " + server.url() + "   counts table " + settings.countsTable() + " at "
                    + settings.aws().describeTarget() + tableNote);
            if (server.reachableFromNetwork()) {
                String listening = server.describeListening();
                out.println("dashboard: WARNING: listening on " + listening + ": the dashboard has no authentication; anyone who can reach this address can read the counts");
                LOG.warn("listening on {}, reachable from the network; the dashboard has no authentication", listening);
            }
            out.println("ready (Ctrl-C to stop)");
            out.flush();
            LOG.info("serving {} from {}", server.url(), settings.countsTable());
            stop.await();
        }
        return 0;
    }

    private static String checkTable(DynamoDbClient dynamoDb, DashboardSettings settings) {
        try {
            dynamoDb.describeTable(r -> r.tableName(settings.countsTable()).overrideConfiguration(ServiceProbe.bounded()));
            return "";
        } catch (ResourceNotFoundException e) {
            return " (not there yet: the page fills once the counter runs)";
        } catch (SdkException e) {
            throw ServiceProbe.failure("DynamoDB", settings.aws().describeTarget(), e);
        }
    }

    /**
     * The counter's keys share the file and are ignored without a word; a key that is one of the
     * dashboard's own, mistyped, is worth a warning: a wrong-case dynamoDbEndpoint would send it to AWS.
     */
    private void warnNearMisses(List<String> unknownKeys, PrintWriter err) {
        for (String warning : NearMisses.warnings(DashboardSettings.KEYS, unknownKeys, config)) {
            LOG.warn(warning);
            err.println("dashboard: warning: " + warning);
            err.flush();
        }
    }

    private static void checkBindAddress(String bind) {
        try {
            InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw CliException.usage("bind: unknown address '" + bind + "'");
        }
    }
}
