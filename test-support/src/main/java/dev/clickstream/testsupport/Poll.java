package dev.clickstream.testsupport;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;

/** Waiting for a condition with a deadline, never a fixed sleep. Exceptions count as "not yet". */
public final class Poll {
    private Poll() {}

    public static void until(Duration deadline, String what, Callable<Boolean> condition) {
        Awaitility.await(what)
                .atMost(deadline)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(50))
                .ignoreExceptions()
                .until(condition);
    }

    /** Checks that {@code condition} holds at every poll for {@code window}; any exception fails. */
    public static void throughout(Duration window, String what, Callable<Boolean> condition) {
        Awaitility.await(what)
                .during(window)
                .atMost(window.plusSeconds(10))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(50))
                .until(condition);
    }
}
