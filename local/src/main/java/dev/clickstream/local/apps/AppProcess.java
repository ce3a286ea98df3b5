package dev.clickstream.local.apps;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running application jar. Its console lines are echoed with the app's name in front, the way
 * a compose tool shows several services in one terminal; its detailed log goes to its own
 * {@code LOG_DIR}.
 */
final class AppProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AppProcess.class);

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final AppSpec spec;
    private final Process process;

    private AppProcess(AppSpec spec, Process process) {
        this.spec = spec;
        this.process = process;
    }

    static AppProcess start(AppSpec spec, Path workDir, Path logDir, Map<String, String> env, PrintWriter console)
            throws IOException {
        Files.createDirectories(logDir);
        List<String> command = Stream.of(sessionLeader(), Stream.of(javaExecutable(), "-jar", spec.jar().toString()),
                spec.args().stream()).flatMap(s -> s).toList();
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().put("LOG_DIR", logDir.toAbsolutePath().toString());
        Process process = builder.start();
        LOG.info("started {} (pid {}): {}", spec.name(), process.pid(), String.join(" ", command));
        AppProcess app = new AppProcess(spec, process);
        Thread echo = new Thread(() -> app.echo(process.getInputStream(), console), spec.name() + "-console");
        echo.setDaemon(true);
        echo.start();
        return app;
    }

    /**
     * A terminal's Ctrl-C goes to its whole process group. Run in a session of its own, an app
     * gets its SIGTERM from {@link #close()} only, in the launcher's order: the producer first,
     * the consumers after it.
     */
    private static Stream<String> sessionLeader() {
        return Files.isExecutable(SETSID) ? Stream.of(SETSID.toString()) : Stream.empty();
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void echo(InputStream in, PrintWriter console) {
        String prefix = String.format("%-9s| ", spec.name());
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (console) {
                    console.println(prefix + line);
                    console.flush();
                }
            }
        } catch (IOException e) {
            LOG.debug("console of {} closed", spec.name(), e);
        }
    }

    String name() {
        return spec.name();
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, so the app runs its own graceful shutdown; SIGKILL only once its stop timeout passes. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.toHandle().destroy();
        try {
            if (!process.waitFor(spec.stopTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{} did not stop within {}; killing it", spec.name(), spec.stopTimeout());
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            LOG.info("{} exited with code {}", spec.name(), process.isAlive() ? "?" : process.exitValue());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
