package dev.clickstream.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A {@code java -jar} child process for tests that must see the real command line: exit codes,
 * console output, signals. Output is collected as it comes, and waits poll it with a deadline.
 */
public final class JavaProcess implements AutoCloseable {
    private final Process process;
    private final StringBuffer out = new StringBuffer();
    private final StringBuffer err = new StringBuffer();
    private final List<String> command;
    private final Thread outPump;
    private final Thread errPump;

    private JavaProcess(Process process, List<String> command) {
        this.process = process;
        this.command = command;
        this.outPump = pump(process.getInputStream(), out, "stdout");
        this.errPump = pump(process.getErrorStream(), err, "stderr");
    }

    /** What to start; {@link #start()} launches it. */
    public static Builder jar(Path jar) {
        return new Builder(jar);
    }

    /** The java executable running this test, so children use the same JDK. */
    public static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    public static final class Builder {
        private final Path jar;
        private final List<String> jvmArgs = new ArrayList<>(List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1"));
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> env = new HashMap<>();
        private final List<String> removedEnv = new ArrayList<>();
        private Path workDir = Path.of(".");
        private String stdin;

        private Builder(Path jar) {
            this.jar = jar;
        }

        public Builder args(String... more) {
            args.addAll(List.of(more));
            return this;
        }

        public Builder args(List<String> more) {
            args.addAll(more);
            return this;
        }

        public Builder jvmArgs(String... more) {
            jvmArgs.addAll(List.of(more));
            return this;
        }

        /**
         * No JVM flag at all, as a user types {@code java -jar X.jar}: for the tests that prove an
         * application needs nothing more than its own options against the local stack.
         */
        public Builder plain() {
            jvmArgs.clear();
            return this;
        }

        /** Full JIT, for runs that are measured rather than only checked. */
        public Builder fullJit() {
            jvmArgs.remove("-XX:TieredStopAtLevel=1");
            return this;
        }

        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        public Builder withoutEnv(String name) {
            removedEnv.add(name);
            return this;
        }

        public Builder workDir(Path dir) {
            this.workDir = dir;
            return this;
        }

        /** Text written to the child's standard input, which is then closed (as if typed, then Ctrl-D). */
        public Builder stdin(String text) {
            this.stdin = text;
            return this;
        }

        public JavaProcess start() {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: run 'mvn package' (integration tests run after it)");
            }
            List<String> command = new ArrayList<>();
            command.add(javaExecutable());
            command.addAll(jvmArgs);
            command.add("-jar");
            command.add(jar.toAbsolutePath().toString());
            command.addAll(args);
            try {
                Files.createDirectories(workDir);
                ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
                removedEnv.forEach(builder.environment()::remove);
                builder.environment().putAll(env);
                Process process = builder.start();
                // Without input the child's stdin is closed at once, so a prompt sees end-of-file, not a hang.
                try (var in = process.getOutputStream()) {
                    if (stdin != null) {
                        in.write(stdin.getBytes(StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    // the child exited before reading its input; its exit code tells the test
                }
                return new JavaProcess(process, command);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Starts, waits for the exit (with a deadline) and returns the finished process. */
        public JavaProcess run(Duration deadline) {
            JavaProcess p = start();
            p.awaitExit(deadline);
            return p;
        }
    }

    private static Thread pump(InputStream in, StringBuffer sink, String name) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    sink.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // the process is gone
            }
        }, "java-process-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    public long pid() {
        return process.pid();
    }

    public String stdout() {
        return out.toString();
    }

    public String stderr() {
        return err.toString();
    }

    public List<String> stdoutLines() {
        return stdout().lines().toList();
    }

    public List<String> stderrLines() {
        return stderr().lines().toList();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int exitCode() {
        return process.exitValue();
    }

    /** All processes this one started, and theirs. */
    public List<ProcessHandle> descendants() {
        return process.descendants().toList();
    }

    /** Waits for a line of stdout that matches, failing on exit or at the deadline. */
    public String awaitStdoutLine(Pattern pattern, Duration deadline) {
        return awaitLine(pattern.asPredicate(), deadline, true);
    }

    public String awaitStderrLine(Pattern pattern, Duration deadline) {
        return awaitLine(pattern.asPredicate(), deadline, false);
    }

    private String awaitLine(Predicate<String> matcher, Duration deadline, boolean stdout) {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            List<String> lines = stdout ? stdoutLines() : stderrLines();
            for (String line : lines) {
                if (matcher.test(line)) {
                    return line;
                }
            }
            if (!process.isAlive() && (stdout ? stdoutLines() : stderrLines()).equals(lines)) {
                throw new AssertionError("process exited (" + process.exitValue() + ") without the expected line; "
                        + describe());
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("no expected line within " + deadline + "; " + describe());
            }
            sleepBriefly();
        }
    }

    /** Waits for the process to end; fails (and kills it) at the deadline. */
    public int awaitExit(Duration deadline) {
        try {
            if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("process still running after " + deadline + "; " + describe());
            }
            // the pumps end at end-of-stream, once they have everything the process wrote
            outPump.join(5_000);
            errPump.join(5_000);
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * SIGTERM, as Ctrl-C or a service manager would send. Through the ProcessHandle, because
     * Process.destroy() also closes our end of the pipes and what the process prints while it
     * shuts down would be lost.
     */
    public void terminate() {
        process.toHandle().destroy();
    }

    /** SIGKILL: no shutdown hooks run. */
    public void kill() {
        process.toHandle().destroyForcibly();
    }

    public String describe() {
        return "command: " + String.join(" ", command) + "\n--- stdout ---\n" + stdout() + "\n--- stderr ---\n" + stderr();
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
