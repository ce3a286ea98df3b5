package dev.clickstream.common.cli;

/**
 * A failure the user should read as one line, with the exit code to end on: 2 for a usage or
 * configuration mistake, 1 for a run-time failure (a missing stream, an unreachable endpoint).
 */
public class CliException extends RuntimeException {
    public static final int RUNTIME = 1;
    public static final int USAGE = 2;

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public static CliException runtime(String message) {
        return new CliException(RUNTIME, message);
    }

    public static CliException usage(String message) {
        return new CliException(USAGE, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
