package dev.clickstream.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/** Loopback port checks. */
public final class Ports {
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

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

    /** A port the kernel has just handed out on loopback; for tests that need several at once. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on loopback", e);
        }
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
