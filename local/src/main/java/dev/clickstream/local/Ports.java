package dev.clickstream.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Loopback port checks. */
public final class Ports {
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private Ports() {}

    /**
     * Whether nothing listens on 127.0.0.1:port (a wildcard listener counts as taking it).
     * SO_REUSEADDR as the servers themselves use it: connections of a previous run lingering in
     * TIME_WAIT do not make the port busy, a listener does.
     */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(LOOPBACK, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A port the kernel has just handed out on loopback, never the same one twice in this JVM; for
     * tests that need several at once. The kernel may hand a released port out again at once: a
     * test that took three in a row once got the same one for Kinesis and DynamoDB (CI, 3 December
     * 2026).
     */
    public static int freePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new IllegalStateException("no free port on loopback", e);
            }
        }
        throw new IllegalStateException("no free port on loopback that was not handed out already");
    }

    static boolean accepts(int port, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), (int) timeout.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
