package dev.clickstream.tools.cfn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The systemd units a user-data script writes, written under a scratch root by bash itself (so
 * a unit written by a shell function with arguments comes out as the instance gets it), and
 * checked there by {@code systemd-analyze verify --root}. The root holds stand-ins for what the
 * units name but the build machine need not have: the targets they order against and the
 * programs they start, since verify fails on a missing ExecStart binary.
 */
final class SystemdUnits {
    static final String UNIT_DIR = "/etc/systemd/system/";
    private static final Pattern FUNCTION = Pattern.compile("(?ms)^([\\w-]+)\\(\\) \\{.*?^}$");
    private static final Pattern TOP_LEVEL_HEREDOC =
            Pattern.compile("(?ms)^cat > \"?" + UNIT_DIR + "[^\\n]*<<'?(\\w+)'?\\n.*?^\\1$");
    private static final Pattern EXEC = Pattern.compile("(?m)^Exec\\w+=[-@:+!]*(/\\S+)");
    private static final Pattern TARGET = Pattern.compile("[\\w.@-]+\\.target");
    /** What every service depends on by default (DefaultDependencies=yes). */
    private static final Set<String> DEFAULT_TARGETS = Set.of("sysinit.target", "basic.target", "shutdown.target");

    private SystemdUnits() {}

    /** Runs only the script's unit-writing statements, with {@link #UNIT_DIR} moved under root; the unit names. */
    static List<String> write(String script, Path root) throws IOException, InterruptedException {
        StringBuilder program = new StringBuilder("set -euo pipefail\n");
        List<String> writers = new ArrayList<>();
        Matcher function = FUNCTION.matcher(script);
        while (function.find()) {
            if (function.group().contains(UNIT_DIR)) {
                program.append(function.group()).append('\n');
                writers.add(function.group(1));
            }
        }
        TOP_LEVEL_HEREDOC.matcher(script).results().forEach(m -> program.append(m.group()).append('\n'));
        for (String writer : writers) {
            Pattern.compile("(?m)^" + Pattern.quote(writer) + "( .*)?$").matcher(script).results()
                    .forEach(m -> program.append(m.group()).append('\n'));
        }
        Path unitDir = Files.createDirectories(root.resolve(UNIT_DIR.substring(1)));
        String moved = program.toString().replace(UNIT_DIR, unitDir + "/");
        Process bash = new ProcessBuilder("bash", "-c", moved).redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes());
        if (!bash.waitFor(30, TimeUnit.SECONDS) || bash.exitValue() != 0) {
            throw new AssertionError("writing the units failed: " + output + "\n" + moved);
        }
        try (Stream<Path> units = Files.list(unitDir)) {
            return units.map(u -> u.getFileName().toString()).sorted().toList();
        }
    }

    /** systemd-analyze's complaints about the units under root; empty when they are clean. */
    static String verify(Path root, List<String> units) throws IOException, InterruptedException {
        Set<String> targets = new TreeSet<>(DEFAULT_TARGETS);
        for (String unit : units) {
            String text = Files.readString(root.resolve(UNIT_DIR.substring(1)).resolve(unit));
            TARGET.matcher(text).results().forEach(m -> targets.add(m.group()));
            for (Matcher m = EXEC.matcher(text); m.find(); ) {
                stubProgram(root.resolve(m.group(1).substring(1)));
            }
        }
        Path systemDir = Files.createDirectories(root.resolve("usr/lib/systemd/system"));
        for (String target : targets) {
            Path file = systemDir.resolve(target);
            if (!Files.exists(file)) {
                Files.writeString(file, "[Unit]\nDescription=stand-in for " + target + "\n");
            }
        }
        StringBuilder problems = new StringBuilder();
        for (String unit : units) {
            problems.append(HostTool.SYSTEMD_ANALYZE.problems("verify", "--man=no", "--root=" + root, UNIT_DIR + unit));
        }
        return problems.toString();
    }

    private static void stubProgram(Path program) throws IOException {
        if (!Files.exists(program)) {
            Files.createDirectories(program.getParent());
            Files.writeString(program, "#!/bin/sh\n");
            Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
