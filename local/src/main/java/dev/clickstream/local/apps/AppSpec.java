package dev.clickstream.local.apps;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One application the local stack runs beside itself with {@code --with-apps}: which jar, with
 * which arguments, and how long it may take to stop (the consumers upload and checkpoint their
 * buffers on SIGTERM, so they get longer than the producer).
 */
public record AppSpec(String name, Path jar, List<String> args, Duration stopTimeout) {
    public AppSpec {
        args = List.copyOf(args);
    }
}
