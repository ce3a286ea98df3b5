package dev.clickstream.common.cli;

import dev.clickstream.common.concurrent.DaemonThreads;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two guards that make an application JVM end when it should, whatever its threads are doing.
 * <ul>
 *   <li>{@link #haltAfter}: a shutdown that overruns its deadline (a KCL scheduler still starting
 *       up can keep a JVM alive for minutes after its graceful shutdown gave up) ends in a halt.</li>
 *   <li>{@link #exitWithParentIfAsked}: a launcher that runs the application as its child (the
 *       local stack's {@code --with-apps}) sets {@value #EXIT_WITH_PARENT}; the application then
 *       stops, by the same shutdown path as SIGTERM, once that launcher is gone, even after its
 *       SIGKILL.</li>
 * </ul>
 */
public final class ShutdownGuards {
    private static final Logger LOG = LoggerFactory.getLogger(ShutdownGuards.class);
    /** Set by a launcher to the pid the application should outlive by no more than a moment. */
    public static final String EXIT_WITH_PARENT = "CLICKSTREAM_EXIT_WITH_PARENT";
    private static final Duration PARENT_POLL = Duration.ofMillis(500);

    private ShutdownGuards() {}

    /** From inside a shutdown hook: halts the JVM if it is still alive after {@code deadline}. */
    public static void haltAfter(Duration deadline, String name) {
        DaemonThreads.start("shutdown-deadline", () -> {
            try {
                Thread.sleep(deadline.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            LOG.warn("shutdown still running after {}; halting", deadline);
            System.err.println(name + ": shutdown took longer than " + deadline.toSeconds() + " s; exiting now");
            System.err.flush();
            Runtime.getRuntime().halt(1);
        });
    }

    /** Starts the parent watch when the launcher asked for it in the environment. */
    public static void exitWithParentIfAsked() {
        Optional.ofNullable(System.getenv(EXIT_WITH_PARENT)).ifPresent(pid -> whenGone(pid, "parent-watch", () -> {
            LOG.warn("launcher (pid {}) is gone; stopping", pid);
            System.exit(143);
        }));
    }

    /** Runs {@code action} once the process {@code pid} is gone (at once if it is gone already). */
    static void whenGone(String pid, String threadName, Runnable action) {
        Optional<Long> parsed = parsePid(pid);
        if (parsed.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(parsed.get());
        if (process.isEmpty() || !process.get().isAlive()) {
            action.run();
            return;
        }
        DaemonThreads.start(threadName, () -> {
            while (process.get().isAlive()) {
                try {
                    Thread.sleep(PARENT_POLL.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
            action.run();
        });
    }

    private static Optional<Long> parsePid(String text) {
        try {
            return Optional.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
