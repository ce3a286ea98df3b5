package dev.clickstream.common.concurrent;

import java.util.concurrent.ThreadFactory;

/** Threads for background work that must never be the reason a JVM stays up. */
public final class DaemonThreads {
    private DaemonThreads() {}

    /** A factory of daemon threads, each called name. */
    public static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
