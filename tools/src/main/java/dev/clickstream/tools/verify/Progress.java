package dev.clickstream.tools.verify;

import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;

/** Short progress lines on standard error during long scans, at most one a second. */
final class Progress {
    private static final long INTERVAL = TimeUnit.SECONDS.toNanos(1);

    private final PrintWriter err;
    private long lastPrinted = System.nanoTime();

    Progress(PrintWriter err) {
        this.err = err;
    }

    /** Prints the line if a second has passed since the last one. */
    synchronized void update(String line) {
        long now = System.nanoTime();
        if (now - lastPrinted >= INTERVAL) {
            lastPrinted = now;
            print(line);
        }
    }

    synchronized void print(String line) {
        err.println("verify-archive: " + line);
        err.flush();
    }
}
