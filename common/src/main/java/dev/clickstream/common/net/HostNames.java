package dev.clickstream.common.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This machine's name for worker and owner ids. */
public final class HostNames {
    private HostNames() {}

    /** The local host name; $HOSTNAME when the resolver does not know it (containers); else "unknown-host". */
    public static String local() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "unknown-host" : env;
        }
    }
}
