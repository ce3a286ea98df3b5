package dev.clickstream.tools;

import dev.clickstream.testsupport.JavaProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code clickstream-tools.jar} with a given standard input, which is then closed: the
 * command sees the text and then end-of-input, as with a pipe.
 */
public final class ToolsJar {
    public static final Path JAR = Path.of(System.getProperty("toolsJar", "target/clickstream-tools.jar"));

    public record Run(int exitCode, String stdout, String stderr) {
        public String describe() {
            return "exit " + exitCode + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
        }
    }

    private ToolsJar() {}

    public static Run run(String stdin, List<String> args) {
        return run(stdin, args, Map.of());
    }

    /** With these environment variables set too, e.g. CLICKSTREAM_S3_ENDPOINT. */
    public static Run run(String stdin, List<String> args, Map<String, String> env) {
        JavaProcess.Builder builder = builder(args).stdin(stdin);
        env.forEach(builder::env);
        JavaProcess process = builder.run(Duration.ofSeconds(120));
        return new Run(process.exitCode(), process.stdout(), process.stderr());
    }

    /** Starts the jar without waiting for it, e.g. to kill it half-way. */
    public static JavaProcess start(List<String> args) {
        return builder(args).start();
    }

    private static JavaProcess.Builder builder(List<String> args) {
        // plain java -jar: the tool needs no JVM flag against the local stack
        return JavaProcess.jar(JAR).plain().args(args)
                .env("LOG_DIR", Path.of("target", "tools-runs", "logs").toAbsolutePath().toString());
    }
}
