package dev.clickstream.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The command prefix that starts a child in a session of its own. A terminal's Ctrl-C goes to its
 * whole process group; a child outside it gets its signal from the launcher only, in the
 * launcher's order (the producer, then the consumers, then the engines they still write to).
 */
public final class OwnSession {
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private OwnSession() {}

    /** {@code setsid} where the system has it (it execs, so the child keeps its pid); else nothing. */
    public static List<String> prefix() {
        return Files.isExecutable(SETSID) ? List.of(SETSID.toString()) : List.of();
    }
}
