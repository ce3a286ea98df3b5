package dev.clickstream.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP listeners a process owns, read from Linux's /proc: its socket inodes from
 * /proc/PID/fd, matched against the LISTEN rows of /proc/net/tcp and tcp6. Lets a test prove
 * that a server binds to loopback only, whatever the server says of itself.
 */
public final class ListeningSockets {
    private static final String LISTEN = "0A";

    private ListeningSockets() {}

    /** One entry per listener, as "address:port", e.g. "127.0.0.1:4568" or "::ffff:127.0.0.1:9000". */
    public static List<String> of(long pid) {
        Set<String> inodes = socketInodes(pid);
        List<String> listeners = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : lines(Path.of(table))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[3].equals(LISTEN) && inodes.contains(f[9])) {
                    listeners.add(decode(f[1]));
                }
            }
        }
        return listeners;
    }

    /** Whether an address printed by {@link #of} is on loopback. */
    public static boolean isLoopback(String listener) {
        return listener.startsWith("127.") || listener.startsWith("::ffff:127.") || listener.startsWith("::1:");
    }

    private static Set<String> socketInodes(long pid) {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // the descriptor closed while we looked
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the descriptors of process " + pid, e);
        }
        return inodes;
    }

    private static List<String> lines(Path table) {
        try {
            List<String> all = Files.readAllLines(table);
            return all.subList(1, all.size());
        } catch (IOException e) {
            return List.of();
        }
    }

    /** "0100007F:11D8" → "127.0.0.1:4568"; IPv6 rows are four little-endian 32-bit words. */
    static String decode(String hexAddressAndPort) {
        String[] parts = hexAddressAndPort.split(":");
        String hex = parts[0];
        int port = Integer.parseInt(parts[1], 16);
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = word * 8 + (3 - i) * 2;
                bytes[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        String address;
        if (bytes.length == 4) {
            address = (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
        } else if (isMappedV4(bytes)) {
            address = "::ffff:" + (bytes[12] & 0xff) + "." + (bytes[13] & 0xff) + "." + (bytes[14] & 0xff) + "." + (bytes[15] & 0xff);
        } else {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 16; i += 2) {
                b.append(i == 0 ? "" : ":").append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)));
            }
            address = b.toString().equals("0:0:0:0:0:0:0:1") ? "::1" : b.toString();
        }
        return address + ":" + port;
    }

    private static boolean isMappedV4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}
