package dev.clickstream.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An engine of the local stack that runs on Node.js as a child process: kinesalite for Kinesis,
 * dynalite for DynamoDB. Both keep their data in LevelDB, in memory or (with a directory) on disk,
 * where every acknowledged write is already in the file when the process dies, even by SIGKILL.
 * A preload binds the engine to loopback and makes it exit with this JVM.
 */
final class NodeEngineServer implements LocalService {
    private static final Logger LOG = LoggerFactory.getLogger(NodeEngineServer.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final String pkg;
    private final String script;
    private final List<String> engineArgs;
    private final int port;
    private final Path bundleDir;
    private final Path persistDir;
    private final Path scratchDir;
    private final Path logFile;
    private final NodeRuntime node;
    private volatile Process process;
    private final String detail;
    private String description;

    private NodeEngineServer(String name, String pkg, String script, List<String> engineArgs, int port,
                             Path bundleDir, Path persistDir, Path scratchDir, Path logFile, NodeRuntime node,
                             String detail) {
        this.name = name;
        this.pkg = pkg;
        this.script = script;
        this.engineArgs = engineArgs;
        this.port = port;
        this.bundleDir = bundleDir;
        this.persistDir = persistDir;
        this.scratchDir = scratchDir;
        this.logFile = logFile;
        this.node = node;
        this.detail = detail;
        this.description = pkg;
    }

    /**
     * Kinesis: kinesalite with no artificial delays and room for the shards tests and users create.
     * Without persistence its LevelDB still lives on disk, in {@code scratchDir}, emptied at each
     * start: in memory, every record of the stream's 24 h retention would stay in the heap
     * (docs/benchmarks.md#local-stack-kinesis-capacity-as-a-stream-fills), as kinesalite only drops old records
     * it happens to read. With {@code limits} AWS, the patched engine enforces Kinesis's per-shard limits.
     * Its SubscribeToShard subscriptions last {@code subscriptionLimit}.
     */
    static NodeEngineServer kinesalite(int port, Path bundleDir, Path persistDir, Path scratchDir, KinesisLimits limits,
                                       Duration subscriptionLimit, Path logDir, NodeRuntime node) {
        return new NodeEngineServer("kinesis", "kinesalite", "cli.js",
                List.of("--createStreamMs", "0", "--deleteStreamMs", "0", "--updateStreamMs", "0", "--shardLimit", "100",
                        "--kinesisLimits", limits.cliValue(),
                        "--subscriptionMs", Long.toString(subscriptionLimit.toMillis())),
                port, bundleDir, persistDir, scratchDir, logDir.resolve("kinesalite.log"), node,
                ", Kinesis limits " + limits.cliValue());
    }

    /** DynamoDB: dynalite, tables ACTIVE at once. */
    static NodeEngineServer dynalite(int port, Path bundleDir, Path persistDir, Path logDir, NodeRuntime node) {
        return new NodeEngineServer("dynamodb", "dynalite", "cli.js",
                List.of("--host", Ports.LOOPBACK.getHostAddress(),
                        "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"),
                port, bundleDir, persistDir, null, logDir.resolve("dynalite.log"), node, "");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void start() throws Exception {
        NodeRuntime runtime = node;
        Path dir = bundleDir.toAbsolutePath();
        description = pkg + " " + EngineBundle.version(dir, pkg) + " on Node.js " + runtime.version()
                + (persistDir != null ? ", persisted" : scratchDir != null ? ", emptied at each start" : ", in memory")
                + detail;
        // in a session of its own: a terminal's Ctrl-C must not end the engine before the apps that
        // still write to it (the launcher stops it after them)
        List<String> command = new ArrayList<>(OwnSession.prefix());
        command.addAll(List.of(runtime.command(), "-r", EngineBundle.preload(dir).toString(),
                dir.resolve("node_modules").resolve(pkg).resolve(script).toString(), "--port", Integer.toString(port)));
        command.addAll(engineArgs);
        if (persistDir != null) {
            Files.createDirectories(persistDir);
            command.addAll(List.of("--path", persistDir.toAbsolutePath().toString()));
        } else if (scratchDir != null) {
            deleteTree(scratchDir);
            Files.createDirectories(scratchDir);
            command.addAll(List.of("--path", scratchDir.toAbsolutePath().toString()));
        }
        Files.createDirectories(logFile.getParent());
        LOG.info("starting {} on port {}", description, port);
        process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        // stdin stays open and unwritten: the preload exits when it closes, i.e. when this JVM ends.
        waitUntilListening();
        LOG.info("{} (pid {}) listening on {}", pkg, process.pid(), endpoint());
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The pid of the Node.js child, or -1 before start; tests check that it does not outlive us. */
    long pid() {
        Process p = process;
        return p == null ? -1 : p.pid();
    }

    private void waitUntilListening() throws LocalStackException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new LocalStackException(name + ": " + pkg + " exited with code " + process.exitValue()
                        + " before listening on port " + port + ": " + lastLogLine());
            }
            if (Ports.accepts(port, Duration.ofMillis(200))) {
                return;
            }
            Thread.sleep(20);
        }
        close();
        throw new LocalStackException(name + ": " + pkg + " did not listen on port " + port + " within "
                + START_TIMEOUT.toSeconds() + " s (see " + logFile + ")");
    }

    private String lastLogLine() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return lines.isEmpty() ? "no output (see " + logFile + ")" : lines.get(lines.size() - 1).strip();
        } catch (IOException e) {
            return "see " + logFile;
        }
    }

    /** Ends the engine as a crash would: SIGKILL, no chance to flush anything. For fault tests. */
    void kill() {
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** SIGTERM, then SIGKILL if it lingers; LevelDB has nothing unwritten either way. */
    @Override
    public void close() {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        try {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        LOG.info("{} stopped", pkg);
    }
}
