package dev.clickstream.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Node.js that runs the Kinesis and DynamoDB engines: found on PATH (or given), and at least version 18. */
record NodeRuntime(String command, String version) {
    static final int MINIMUM_MAJOR = 18;
    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)\\.(\\d+).*");
    private static final String INSTALL_HINT = "install Node.js " + MINIMUM_MAJOR
            + " or newer (e.g. 'sudo apt install nodejs' or https://nodejs.org) or pass --node PATH";

    /** @throws LocalStackException with a one-line message saying what to install */
    static NodeRuntime detect(String command) throws LocalStackException {
        String output;
        try {
            Process process = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readNBytes(200), StandardCharsets.UTF_8).trim();
            }
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new LocalStackException("node: '" + command + " --version' did not answer; " + INSTALL_HINT);
            }
        } catch (IOException e) {
            throw new LocalStackException("node: Node.js not found ('" + command + "'); " + INSTALL_HINT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("node: interrupted while checking Node.js");
        }
        Matcher m = VERSION.matcher(output);
        if (!m.matches()) {
            throw new LocalStackException("node: '" + command + "' is not Node.js (it printed '"
                    + output.lines().findFirst().orElse("") + "'); " + INSTALL_HINT);
        }
        int major = Integer.parseInt(m.group(1));
        if (major < MINIMUM_MAJOR) {
            throw new LocalStackException("node: Node.js " + output + " is too old; " + INSTALL_HINT);
        }
        return new NodeRuntime(command, output.startsWith("v") ? output : "v" + output);
    }
}
