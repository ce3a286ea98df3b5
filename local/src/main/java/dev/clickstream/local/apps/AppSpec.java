package dev.clickstream.local.apps;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One application the local stack runs beside itself with {@code --with-apps}: which launcher
 * script starts it (bin/producer, say: it holds the application's JVM options) and the jar it
 * needs built, with which arguments, how long it may take to stop (the consumers upload and checkpoint their
 * buffers on SIGTERM, so they get longer than the producer), and, for an app the others depend
 * on, the console line that says it is ready and how long to wait for it.
 */
public record AppSpec(String name, Path launcher, Path jar, List<String> args, Duration stopTimeout, Optional<Pattern> readyLine,
                      Duration readyTimeout) {
    public AppSpec {
        args = List.copyOf(args);
    }

    /** An app nothing waits for. */
    public AppSpec(String name, Path launcher, Path jar, List<String> args, Duration stopTimeout) {
        this(name, launcher, jar, args, stopTimeout, Optional.empty(), Duration.ZERO);
    }

    /** The same app, which the next ones wait for until it prints a line matching {@code line}. */
    public AppSpec readyWhen(Pattern line, Duration timeout) {
        return new AppSpec(name, launcher, jar, args, stopTimeout, Optional.of(line), timeout);
    }
}
