package dev.clickstream.local.apps;

import dev.clickstream.common.concurrent.DaemonThreads;
import dev.clickstream.local.OwnSession;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running application jar. Its console lines are echoed with the app's name in front, the way
 * a compose tool shows several services in one terminal; its detailed log goes to its own
 * {@code LOG_DIR}. An app that ends on its own, before the launcher stops it, says so with its
 * exit code, so a user sees why part of the sample went quiet.
 */
final class AppProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AppProcess.class);

    private final AppSpec spec;
    private final Process process;
    private final Path logFile;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile boolean stopping;

    private AppProcess(AppSpec spec, Process process, Path logFile) {
        this.spec = spec;
        this.process = process;
        this.logFile = logFile;
        if (spec.readyLine().isEmpty()) {
            ready.complete(null);
        }
    }

    static AppProcess start(AppSpec spec, Path workDir, Path logDir, Map<String, String> env, PrintWriter console)
            throws IOException {
        Files.createDirectories(logDir);
        List<String> command = Stream.of(OwnSession.prefix().stream(), Stream.of(spec.launcher().toString()),
                spec.args().stream()).flatMap(s -> s).toList();
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        // the launcher execs java, so the pid is the app's JVM; it runs on this launcher's JDK
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(env);
        builder.environment().put("LOG_DIR", logDir.toAbsolutePath().toString());
        Process process = builder.start();
        LOG.info("started {} (pid {}): {}", spec.name(), process.pid(), String.join(" ", command));
        AppProcess app = new AppProcess(spec, process, logDir.resolve("application.log"));
        DaemonThreads.start(spec.name() + "-console", () -> app.echo(process.getInputStream(), console));
        return app;
    }

    private void echo(InputStream in, PrintWriter console) {
        String prefix = String.format("%-9s| ", spec.name());
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                print(console, prefix + line);
                if (!ready.isDone() && spec.readyLine().get().matcher(line).find()) {
                    ready.complete(null);
                }
            }
            // end of its output: it has exited, or is about to
            int code = process.waitFor();
            ready.completeExceptionally(new IllegalStateException(
                    spec.name() + " exited with code " + code + " before it was ready; see " + logFile));
            if (!stopping) {
                print(console, prefix + "exited with code " + code + "; its log: " + logFile);
            }
        } catch (IOException e) {
            LOG.debug("console of {} closed", spec.name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void print(PrintWriter console, String line) {
        synchronized (console) {
            console.println(line);
            console.flush();
        }
    }

    /**
     * Returns once the app has printed its ready line (at once for an app without one).
     *
     * @throws IOException if it exits first or is not ready within its ready timeout
     */
    void awaitReady() throws IOException, InterruptedException {
        try {
            ready.get(spec.readyTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException(spec.name() + " not ready within " + spec.readyTimeout().toSeconds()
                    + " s; see " + logFile, e);
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

    /** SIGTERM, so the app runs its own graceful shutdown. */
    void requestStop() {
        stopping = true;
        process.toHandle().destroy();
    }

    /** Stops the app: SIGTERM, then SIGKILL only once its stop timeout passes. */
    @Override
    public void close() {
        if (!stopping) {
            requestStop();
        }
        if (!process.isAlive()) {
            return;
        }
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
