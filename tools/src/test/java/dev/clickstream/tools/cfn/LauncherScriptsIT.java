package dev.clickstream.tools.cfn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher scripts in bin/, run for real: shellcheck-clean, one JVM with the tuned options,
 * JAVA_OPTS and JAVA_HOME honoured, the jar found in a checkout and in an installed layout.
 * bin/clickstream-tools stands for all of them (they share bin/clickstream-run); this module's
 * jar is built by the time failsafe runs.
 */
class LauncherScriptsIT {
    private static final Path TOOLS_JAR = Path.of(System.getProperty("toolsJar", "target/clickstream-tools.jar"));
    private static final Path LAUNCHER = LauncherScripts.BIN.resolve("clickstream-tools");

    record Run(long pid, int exitCode, String stdout, String stderr) {}

    @TempDir
    Path dir;

    @Test
    void everyScriptInBinPassesShellcheck() throws Exception {
        List<String> scripts;
        try (Stream<Path> files = Files.list(LauncherScripts.BIN)) {
            scripts = files.map(Path::toString).sorted().toList();
        }
        assertThat(scripts).extracting(s -> Path.of(s).getFileName().toString())
                .contains("producer", "consumer", "dashboard", "clickstream-tools", "local-stack", "clickstream-run");
        assertThat(HostTool.SHELLCHECK.problems(scripts.toArray(String[]::new))).isEmpty();
    }

    @Test
    void theLauncherExecsOneJvmWithTheTunedOptionsThenJavaOpts() throws Exception {
        Run run = run(LAUNCHER, Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags -Xlog:gc+init=info:stdout:pid"), "--version");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).contains("clickstream-tools ").contains("-XX:+UseSerialGC")
                .contains("-XX:TieredStopAtLevel=1")
                // the JVM's own pid is the one the launcher was started as: exec, no child
                .contains("[" + run.pid() + "]");
        assertThat(run.stderr()).isEmpty();
    }

    @Test
    void aCollectorChosenInJavaOptsReplacesTheTunedOptions() throws Exception {
        Run run = run(LAUNCHER, Map.of("JAVA_OPTS", "-XX:+UseParallelGC -XX:+PrintCommandLineFlags"), "--version");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).contains("-XX:+UseParallelGC").doesNotContain("UseSerialGC")
                .doesNotContain("TieredStopAtLevel");
    }

    @Test
    void javaHomeChoosesTheJvmAndABadOneIsOneLine() throws Exception {
        Run good = run(LAUNCHER, Map.of("JAVA_HOME", System.getProperty("java.home")), "--version");
        assertThat(good.exitCode()).as(good.toString()).isZero();

        Run bad = run(LAUNCHER, Map.of("JAVA_HOME", dir.toString()), "--version");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.stderr()).isEqualTo("clickstream-tools: JAVA_HOME is " + dir + ", which has no bin/java\n");
    }

    @Test
    void anInstalledLayoutFindsTheJarInLibThroughASymlinkToo() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("opt/bin"));
        Path lib = Files.createDirectories(dir.resolve("opt/lib"));
        for (String script : List.of("clickstream-run", "clickstream-tools")) {
            Files.copy(LauncherScripts.BIN.resolve(script), bin.resolve(script));
        }
        Files.copy(TOOLS_JAR, lib.resolve("clickstream-tools.jar"));
        Path onPath = Files.createSymbolicLink(Files.createDirectories(dir.resolve("usr-bin")).resolve("clickstream-tools"),
                bin.resolve("clickstream-tools"));

        Run run = run(onPath, Map.of(), "--version");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).startsWith("clickstream-tools ");
    }

    @Test
    void aMissingJarSaysWhereItLookedAndHowToBuildIt() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("empty/bin"));
        for (String script : List.of("clickstream-run", "clickstream-tools")) {
            Files.copy(LauncherScripts.BIN.resolve(script), bin.resolve(script));
        }

        Run run = run(bin.resolve("clickstream-tools"), Map.of("CLICKSTREAM_LIB", dir.resolve("nowhere").toString()), "--version");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr().lines().toList()).singleElement().asString()
                .startsWith("clickstream-tools: clickstream-tools.jar not found in " + dir.resolve("nowhere") + ", ")
                .endsWith("(build it: mvn -B -q package -DskipTests)");
    }

    private Run run(Path launcher, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeAll(List.of("JAVA_OPTS", "JAVA_HOME", "CLICKSTREAM_LIB", "JAVA_TOOL_OPTIONS"));
        environment.putAll(new HashMap<>(env));
        environment.put("LOG_DIR", dir.resolve("logs").toString());
        Path out = dir.resolve("out-" + System.nanoTime());
        Path err = dir.resolve("err-" + System.nanoTime());
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(launcher + " finished").isTrue();
        return new Run(process.pid(), process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
