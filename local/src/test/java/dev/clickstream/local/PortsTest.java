package dev.clickstream.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class PortsTest {
    @Test
    void aListenerOnLoopbackTakesThePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, Ports.LOOPBACK)) {
            assertThat(Ports.isFree(socket.getLocalPort())).isFalse();
        }
    }

    @Test
    void aWildcardListenerTakesThePortToo() throws Exception {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(0));
            assertThat(Ports.isFree(socket.getLocalPort())).isFalse();
        }
    }

    @Test
    void aReleasedPortIsFree() {
        assertThat(Ports.isFree(Ports.freePort())).isTrue();
    }

    @Test
    void noPortIsHandedOutTwice() {
        java.util.List<Integer> ports = java.util.stream.IntStream.range(0, 200).map(i -> Ports.freePort()).boxed().toList();

        assertThat(ports).doesNotHaveDuplicates();
    }
}
