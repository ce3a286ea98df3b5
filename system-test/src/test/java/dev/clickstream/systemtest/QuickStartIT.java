package dev.clickstream.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.local.Ports;
import dev.clickstream.testsupport.JavaProcess;
import dev.clickstream.testsupport.ListeningSockets;
import dev.clickstream.testsupport.Poll;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main command, {@code java -jar local/target/local-stack.jar --with-apps}, as a user
 * runs it: the stack, the archiver, the counter, the dashboard and the producer together, then
 * Ctrl-C. Every record the producer had acknowledged must be in the archive, and nothing may be
 * left running.
 */
class QuickStartIT {
    static final Path PROJECT = Path.of(System.getProperty("projectDir", "..")).toAbsolutePath().normalize();
    static final Path LOCAL_STACK_JAR = PROJECT.resolve("local/target/local-stack.jar");
    static final String BUCKET = "kinesis-clickstream-batchdata";
    static final Pattern ACKNOWLEDGED = Pattern.compile("^producer +\\| stopped in .*acknowledged ([0-9][0-9,]*)");

    @TempDir
    Path work;

    @Test
    void theWholeSampleRunsOnTheLocalStackAndStopsCleanly() throws Exception {
        int dashboardPort = Ports.freePort();
        Path dataDir = work.resolve("local-data");
        try (JavaProcess quickStart = startWithApps(PROJECT, dataDir, work.resolve("logs"), dashboardPort)) {
            // printed once the producer is sending and the dashboard listens
            quickStart.awaitStdoutLine(Pattern.compile("^dashboard http://127\\.0\\.0\\.1:" + dashboardPort + "/"),
                    Duration.ofSeconds(120));
            List<ProcessHandle> apps = quickStart.descendants();

            Path archive = dataDir.resolve("s3").resolve(BUCKET);
            await(quickStart, Duration.ofSeconds(120), "an archived batch under " + archive,
                    () -> archivedLines(archive) > 0);

            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            URI counts = URI.create("http://127.0.0.1:" + dashboardPort
                    + "/api/GetCounts?resource=resource-0&range_in_seconds=60");
            await(quickStart, Duration.ofSeconds(120), "referrer counts on the dashboard", () -> {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(counts).timeout(Duration.ofSeconds(10))
                        .build(), HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200 && response.body().contains("referrerCounts");
            });
            assertThat(quickStart.stdoutLines()).as("no app may end on its own")
                    .noneMatch(line -> line.contains("| exited with code"));
            List<String> listeners = new ArrayList<>(ListeningSockets.of(quickStart.pid()));
            quickStart.descendants().forEach(p -> listeners.addAll(ListeningSockets.of(p.pid())));
            assertThat(listeners).as("listeners of the launcher, the engines and the apps")
                    .anyMatch(l -> l.endsWith(":" + dashboardPort))
                    .allMatch(ListeningSockets::isLoopback);

            quickStart.terminate();
            quickStart.awaitExit(Duration.ofSeconds(180));
            assertThat(quickStart.stdoutLines()).as(quickStart.describe()).contains("stopped");

            // The producer stops first, then the consumers upload and checkpoint what they hold.
            // Records the consumers had not yet read stay in the stream for their next run, so the
            // archive holds at most what was acknowledged, each record once.
            assertThat(quickStart.stdoutLines()).anyMatch(line -> line.matches("^producer +\\| stopped in .*failed 0;.*"));
            assertThat(quickStart.stdoutLines()).anyMatch(line -> line.matches("^archiver +\\| consumer: stopped: .*"));
            long acknowledged = lastAcknowledged(quickStart.stdoutLines());
            assertThat(archivedLines(archive)).isPositive().isLessThanOrEqualTo(acknowledged);
            assertNoBatchArchivedTwice(archive);
            for (ProcessHandle app : apps) {
                Poll.until(Duration.ofSeconds(10), "pid " + app.pid() + " gone", () -> !app.isAlive());
            }
        }
    }

    @Test
    void sigkillOfTheLauncherEndsEveryAppAndEngineByItself() throws Exception {
        try (JavaProcess quickStart = startWithApps(PROJECT, work.resolve("local-data"), work.resolve("logs"),
                Ports.freePort())) {
            quickStart.awaitStdoutLine(Pattern.compile("^dashboard http://127\\.0\\.0\\.1:"), Duration.ofSeconds(120));
            List<ProcessHandle> children = quickStart.descendants();
            assertThat(children).as("engines and apps").hasSizeGreaterThanOrEqualTo(6);

            quickStart.kill();

            // an app's graceful stop is bounded by its shutdown timeout (30 s for the consumers)
            for (ProcessHandle child : children) {
                Poll.until(Duration.ofSeconds(60), "pid " + child.pid() + " " + child.info().commandLine().orElse("")
                        + " gone", () -> !child.isAlive());
            }
        }
    }

    @Test
    void ctrlCInATerminalStopsTheAppsBeforeTheEnginesTheyWriteTo() throws Exception {
        try (JavaProcess quickStart = startWithApps(PROJECT, work.resolve("local-data"), work.resolve("logs"),
                Ports.freePort())) {
            quickStart.awaitStdoutLine(Pattern.compile("^dashboard http://127\\.0\\.0\\.1:"), Duration.ofSeconds(120));
            List<ProcessHandle> children = quickStart.descendants();
            List<ProcessHandle> engines = children.stream()
                    .filter(p -> p.info().commandLine().orElse("").contains("--port")
                            && !p.info().commandLine().orElse("").contains("-jar"))
                    .toList();
            List<ProcessHandle> apps = children.stream()
                    .filter(p -> p.info().commandLine().orElse("").contains("-jar"))
                    .toList();
            assertThat(engines).as("kinesalite and dynalite among " + children).hasSize(2);
            assertThat(apps).as("the apps").hasSizeGreaterThanOrEqualTo(4);

            // a terminal's Ctrl-C: SIGINT to every process of the launcher's process group
            long group = processGroup(quickStart.pid());
            List<Long> signalled = new ArrayList<>(List.of(quickStart.pid()));
            for (ProcessHandle child : children) {
                if (processGroup(child.pid()) == group) {
                    signalled.add(child.pid());
                }
            }
            for (long pid : signalled) {
                assertThat(new ProcessBuilder("kill", "-INT", Long.toString(pid)).start().waitFor()).isZero();
            }

            List<String> enginesGoneEarly = new ArrayList<>();
            await(quickStart, Duration.ofSeconds(90), "the apps gone", () -> {
                boolean appsAlive = apps.stream().anyMatch(ProcessHandle::isAlive);
                if (appsAlive) {
                    engines.stream().filter(e -> !e.isAlive()).forEach(e -> enginesGoneEarly.add(
                            e.info().commandLine().orElse(Long.toString(e.pid()))));
                }
                return !appsAlive;
            });
            assertThat(enginesGoneEarly).as("engines that ended while an app still ran").isEmpty();
            quickStart.awaitExit(Duration.ofSeconds(60));
            assertThat(quickStart.stdoutLines()).as(quickStart.describe()).contains("stopped")
                    .noneMatch(line -> line.contains("not confirmed"));
            for (ProcessHandle engine : engines) {
                Poll.until(Duration.ofSeconds(10), "pid " + engine.pid() + " gone", () -> !engine.isAlive());
            }
        }
    }

    /** The process group of a pid: the fifth field of /proc/PID/stat, after the command's parentheses. */
    private static long processGroup(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[2]);
    }

    @Test
    void aProducerThatEndsBeforeItIsReadyStopsTheLaunchWithOneLineAndNothingLeftRunning() throws Exception {
        // the real configs and launchers, and jars that are not jars: java exits 1 at once, as a broken build would
        Path project = work.resolve("broken-project");
        for (String dir : List.of("config/local", "bin")) {
            Files.createDirectories(project.resolve(dir));
            try (Stream<Path> files = Files.list(PROJECT.resolve(dir))) {
                for (Path file : files.toList()) {
                    Files.copy(file, project.resolve(dir).resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        for (String jar : List.of("producer/target/producer.jar", "consumer/target/consumer.jar",
                "dashboard/target/dashboard.jar")) {
            Files.createDirectories(project.resolve(jar).getParent());
            Files.writeString(project.resolve(jar), "not a jar");
        }
        Path logs = work.resolve("logs");
        try (JavaProcess quickStart = startWithApps(project, work.resolve("data"), logs, Ports.freePort())) {
            quickStart.awaitStdoutLine(Pattern.compile("^ready in"), Duration.ofSeconds(60));
            List<ProcessHandle> children = quickStart.descendants();
            assertThat(quickStart.awaitExit(Duration.ofSeconds(60))).as(quickStart.describe()).isEqualTo(1);
            assertThat(quickStart.stderrLines()).as(quickStart.describe()).contains(
                    "local-stack: apps: could not start: producer exited with code 1 before it was ready; see "
                            + logs.resolve("producer/application.log"));
            assertThat(quickStart.stdoutLines()).as("nothing after the producer starts")
                    .noneMatch(line -> line.startsWith("archiver") || line.startsWith("dashboard http"));
            for (ProcessHandle child : children) {
                Poll.until(Duration.ofSeconds(10), "pid " + child.pid() + " gone", () -> !child.isAlive());
            }
        }
    }

    /** The README's main command, on free ports, with the jars and configs of {@code project}. */
    private JavaProcess startWithApps(Path project, Path dataDir, Path logs, int dashboardPort) {
        return JavaProcess.jar(LOCAL_STACK_JAR).workDir(work)
                .env("LOG_DIR", logs.toString())
                .args("--with-apps", "--project-dir", project.toString(), "--data-dir", dataDir.toString(),
                        "--kinesis-port", Integer.toString(Ports.freePort()),
                        "--dynamodb-port", Integer.toString(Ports.freePort()),
                        "--s3-port", Integer.toString(Ports.freePort()),
                        "--dashboard-port", Integer.toString(dashboardPort))
                .start();
    }

    /**
     * Polls; at the deadline, fails with one line that carries what each app printed last, since
     * CI shows only the end of the build's output.
     */
    private static void await(JavaProcess quickStart, Duration deadline, String what, Callable<Boolean> condition) {
        try {
            Poll.until(deadline, what, condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(what + ": not within " + deadline.toSeconds() + " s; last lines: "
                    + String.join(" // ", lastLinePerApp(quickStart.stdoutLines())), e);
        }
    }

    private static Collection<String> lastLinePerApp(List<String> lines) {
        Map<String, String> last = new LinkedHashMap<>();
        for (String line : lines) {
            int bar = line.indexOf('|');
            last.put(bar < 0 ? "" : line.substring(0, bar).trim(), line);
        }
        return last.values();
    }

    private static long lastAcknowledged(List<String> lines) {
        long last = -1;
        for (String line : lines) {
            Matcher m = ACKNOWLEDGED.matcher(line);
            if (m.find()) {
                last = Long.parseLong(m.group(1).replace(",", ""));
            }
        }
        return last;
    }

    /** Records archived so far: one line per record in every object under the bucket's directory. */
    static long archivedLines(Path bucketDir) throws IOException {
        if (!Files.isDirectory(bucketDir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(bucketDir)) {
            long total = 0;
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                total += Files.readAllLines(file).size();
            }
            return total;
        }
    }

    /** Keys are shardId/firstSeq-lastSeq: within a shard, no two objects may cover the same sequence numbers. */
    static void assertNoBatchArchivedTwice(Path bucketDir) throws IOException {
        try (Stream<Path> shards = Files.list(bucketDir)) {
            for (Path shard : shards.filter(Files::isDirectory).toList()) {
                List<BigInteger[]> ranges;
                try (Stream<Path> objects = Files.list(shard)) {
                    ranges = objects.map(o -> o.getFileName().toString().split("-"))
                            .map(r -> new BigInteger[] {new BigInteger(r[0]), new BigInteger(r[1])})
                            .sorted(Comparator.comparing(r -> r[0]))
                            .toList();
                }
                for (int i = 1; i < ranges.size(); i++) {
                    assertThat(ranges.get(i)[0]).as("object after " + ranges.get(i - 1)[1] + " in " + shard)
                            .isGreaterThan(ranges.get(i - 1)[1]);
                }
            }
        }
    }
}
