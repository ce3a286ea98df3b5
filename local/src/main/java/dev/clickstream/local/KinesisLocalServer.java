package dev.clickstream.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kinesis: the npm package kinesis-local (kinesis-mock) run by Node.js as a child process on
 * plain http. The package is bundled in this jar and unpacked under the data directory, so the
 * jar stays self-contained; a preload binds it to loopback and makes it exit with this JVM.
 */
final class KinesisLocalServer implements LocalService {
    private static final Logger LOG = LoggerFactory.getLogger(KinesisLocalServer.class);
    private static final String BUNDLE = "/kinesis-local/";
    private static final List<String> BUNDLED_FILES =
            List.of("main.js", "server.json", "package.json", "LICENSE", "loopback.js");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final int port;
    private final Path runtimeDir;
    private final Path persistDir;
    private final Path logFile;
    private final String nodeCommand;
    private NodeRuntime node;
    private Process process;
    private String description = "kinesis-local";

    /**
     * @param persistDir where streams are kept across restarts, or null to keep them in memory
     */
    KinesisLocalServer(int port, Path runtimeDir, Path persistDir, Path logFile, String nodeCommand) {
        this.port = port;
        this.runtimeDir = runtimeDir;
        this.persistDir = persistDir;
        this.logFile = logFile;
        this.nodeCommand = nodeCommand;
    }

    @Override
    public String name() {
        return "kinesis";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String description() {
        return description;
    }

    /** Finds Node.js (once); done before anything else starts, as it is the one outside dependency. */
    void checkNode() throws LocalStackException {
        if (node == null) {
            node = NodeRuntime.detect(nodeCommand);
        }
    }

    @Override
    public void start() throws Exception {
        checkNode();
        unpack();
        String version = bundledVersion();
        description = "kinesis-local " + version + " on Node.js " + node.version()
                + (persistDir == null ? ", in memory" : ", persisted");

        Path dir = runtimeDir.toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder(node.command(), "-r", dir.resolve("loopback.js").toString(),
                dir.resolve("main.js").toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        Map<String, String> env = builder.environment();
        env.put("KINESIS_MOCK_PLAIN_PORT", Integer.toString(port));
        // The https listener cannot be switched off; an ephemeral port keeps it out of the way.
        env.put("KINESIS_MOCK_TLS_PORT", "0");
        env.put("KINESIS_MOCK_CERT_PATH", runtimeDir.resolve("server.json").toAbsolutePath().toString());
        env.put("AWS_REGION", "us-east-1");
        env.putIfAbsent("LOG_LEVEL", "WARN");
        if (persistDir == null) {
            env.put("SHOULD_PERSIST_DATA", "false");
            env.put("LOAD_DATA_IF_EXISTS", "false");
        } else {
            Files.createDirectories(persistDir);
            env.put("SHOULD_PERSIST_DATA", "true");
            env.put("LOAD_DATA_IF_EXISTS", "true");
            env.put("PERSIST_PATH", persistDir.toAbsolutePath().toString());
            env.put("PERSIST_FILE_NAME", "kinesis-data.json");
            env.put("PERSIST_INTERVAL", "1s");
        }
        LOG.info("starting {} on port {}", description, port);
        process = builder.start();
        // stdin stays open and unwritten: the preload exits when it closes, i.e. when this JVM ends.
        waitUntilListening();
        LOG.info("kinesis-local (pid {}) listening on {}", process.pid(), endpoint());
    }

    /** The pid of the Node.js child, or -1 before start; tests check that it does not outlive us. */
    long pid() {
        return process == null ? -1 : process.pid();
    }

    private void waitUntilListening() throws LocalStackException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new LocalStackException("kinesis: kinesis-local exited with code " + process.exitValue()
                        + " before listening on port " + port + ": " + lastLogLine());
            }
            if (Ports.accepts(port, Duration.ofMillis(200))) {
                return;
            }
            Thread.sleep(50);
        }
        close();
        throw new LocalStackException("kinesis: kinesis-local did not listen on port " + port + " within "
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

    private void unpack() throws IOException {
        Files.createDirectories(runtimeDir);
        for (String file : BUNDLED_FILES) {
            try (InputStream in = KinesisLocalServer.class.getResourceAsStream(BUNDLE + file)) {
                if (in == null) {
                    throw new IOException("kinesis-local is missing from this jar (" + BUNDLE + file
                            + "); rebuild with 'mvn package'");
                }
                Path tmp = Files.createTempFile(runtimeDir, file, ".tmp");
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, runtimeDir.resolve(file), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }

    private String bundledVersion() throws IOException {
        String json = Files.readString(runtimeDir.resolve("package.json"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        return m.find() ? m.group(1) : "unknown";
    }

    /**
     * SIGTERM first, so the emulator can write its persisted state; it then waits for open client
     * connections, so after a few seconds closing stdin makes the preload exit at once.
     */
    @Override
    public void close() {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        try {
            p.destroy();
            if (!p.waitFor(3, TimeUnit.SECONDS)) {
                closeQuietly(p);
                if (!p.waitFor(2, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        LOG.info("kinesis-local stopped");
    }

    private static void closeQuietly(Process p) {
        try {
            p.getOutputStream().close();
        } catch (IOException e) {
            LOG.debug("closing kinesis-local's stdin", e);
        }
    }
}
