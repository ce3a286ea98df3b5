package dev.clickstream.tools.cfn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A checker installed on the machine (shellcheck, systemd-analyze). A missing one fails the
 * test with the Debian package to install: `.ci/run` installs both.
 */
record HostTool(String command, String debianPackage) {
    static final HostTool SHELLCHECK = new HostTool("shellcheck", "shellcheck");
    static final HostTool SYSTEMD_ANALYZE = new HostTool("systemd-analyze", "systemd");

    /** Everything the tool printed when it found a problem; empty when it passed silently. */
    String problems(String... arguments) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(command));
        line.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(line).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError(command + " is not installed: apt-get install " + debianPackage, e);
        }
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(command + " finished").isTrue();
        // systemd-analyze exits 0 on an unknown key or a bad value ("..., ignoring"): any output counts
        return process.exitValue() == 0 && output.isBlank() ? "" : output;
    }

    /** shellcheck's findings (default checks, every severity) on a bash script. */
    static String shellcheck(String script) throws IOException, InterruptedException {
        Path file = Files.createTempFile("user-data", ".sh");
        try {
            Files.writeString(file, script);
            return SHELLCHECK.problems("--shell=bash", file.toString());
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
