package dev.clickstream.common.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Runs an application in a JVM sized for it, so that the README's plain {@code java -jar} gets a
 * lean process. The JVM's own defaults are made for servers: on a 24 GB machine G1 starts with a
 * 384 MB heap that may grow to 6 GB, and the consumer peaked at 807 MB of RSS draining a backlog
 * that needs about 30 MB of live data (docs/benchmarks.md). A jar cannot carry JVM options, so
 * {@link #relaunch} starts the same class path again in a child JVM with the application's
 * options and waits for it, passing on its exit code; the parent holds about 40 MB and does
 * nothing else.
 *
 * <p>The user's choice wins: any heap, GC or compiler option on the command line or in
 * {@code JAVA_TOOL_OPTIONS}, or {@code -Dclickstream.jvm=as-is}, runs the application in the
 * JVM it was started in. The parent runs the jar's Main-Class, which must hold no state of its own
 * (no logger), so that it loads nothing but this. SIGTERM or Ctrl-C of the parent reaches the child through the parent's
 * shutdown hook, which waits for the child's graceful stop; a SIGKILL of the parent halts the
 * child within half a second (it polls its parent), as a SIGKILL of a single process would.
 *
 * <p>The child also maps a class-data archive of the jar that its first run wrote
 * ({@link ClassArchive}), which halves the CPU a start takes.
 */
public final class SizedJvm {
    /** In the child: the pid of the parent it must not outlive. */
    static final String CHILD_OF = "CLICKSTREAM_SIZED_JVM_PARENT";
    static final String OPT_OUT_PROPERTY = "clickstream.jvm";
    /** Options that say the user chose this JVM's size, or wants this very JVM (a debugger, a profiler). */
    private static final List<String> RUN_AS_IS = List.of("-Xmx", "-Xms", "-Xmn", "-XX:MaxHeapSize",
            "-XX:InitialHeapSize", "-XX:MaxRAM", "-XX:InitialRAM", "-XX:MinRAM", "-XX:+Use", "-XX:TieredStopAtLevel",
            "-agentlib", "-agentpath", "-javaagent", "-XX:StartFlightRecording", "-XX:NativeMemoryTracking");

    /**
     * What the producer and the consumer need: a small live set and I/O-bound threads. The serial
     * collector keeps no per-core GC structures or concurrent threads and grows the heap only as
     * the live data needs (by the free ratios, from 16 MB, up to the JVM's default maximum); C1
     * alone compiles a fraction of what C2 does at start-up, where these short-lived hot paths
     * spend most of their CPU. Measured in docs/benchmarks.md, both JVMs counted: consumer peak RSS
     * 807 → 276–282 MB and CPU per record 26.4 → 13.9–15.5 µs over a 200,000-record drain (on a
     * machine twice as slow: 32 µs, against 43 for the serial collector with C2).
     */
    public static final List<String> LEAN = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xms16m",
            "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30");

    /**
     * {@link #LEAN}'s collector and compiler, with a heap shaped for a KCL consumer. The KCL keeps
     * each shard's last answer of up to 10,000 records until the next one arrives, one to two
     * seconds, so those answers are promoted whatever the young generation; what a 40 MB one with
     * large survivors (10 MB each, filled to 90 % before objects are promoted early) saves is the
     * promotion of everything else that lives a few hundred milliseconds, the SDK's buffers of each
     * answer above all; free ratios of 20/50 leave the old generation room. Measured in
     * docs/benchmarks.md, two A/B runs against LEAN with 20/50: 7–9 full collections in a drain
     * instead of 11–15, 0.90–0.97 of the peak RSS, and CPU within the noise (0.84–1.15 of it over
     * the run); 20/50 alone had cut the full collections from 17–18 at the same RSS.
     */
    public static final List<String> LEAN_FOR_KCL = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xms64m", "-XX:NewSize=40m", "-XX:SurvivorRatio=2", "-XX:TargetSurvivorRatio=90",
            "-XX:MinHeapFreeRatio=20", "-XX:MaxHeapFreeRatio=50");

    /**
     * {@link #LEAN}'s collector and compiler, with a 16 MB young generation (survivors of 2.7 MB)
     * and free ratios of 20/50. With 4 MB of young generation, what the calls in flight hold
     * (8 requests and answers of 500 records) was promoted at every collection, and the old
     * generation, sized just above the live set, filled up again: 31 young and 2–3 full
     * collections, 290–350 ms of pauses per 95,000 records sent. Measured in docs/benchmarks.md,
     * A/B over two rounds: 12 young and no full collection, 86–120 ms, CPU per record while
     * sending 0.81–0.97 of LEAN's, peak RSS +7 MB.
     */
    public static final List<String> LEAN_FOR_PRODUCER = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xms24m", "-XX:NewSize=16m", "-XX:SurvivorRatio=4",
            "-XX:MinHeapFreeRatio=20", "-XX:MaxHeapFreeRatio=50");

    private SizedJvm() {}

    /**
     * From the first line of {@code main}: in a JVM the user did not size, runs {@code main} with
     * {@code args} in a child JVM with {@code options} ({@link #LEAN_FOR_PRODUCER}, say) and exits
     * with its code; otherwise returns. Netty's allocator is cut to one arena in either case
     * ({@link #leanNettyAllocator}).
     */
    public static void relaunch(Class<?> main, List<String> options, String[] args) {
        relaunchIn(main, options, args);
        leanNettyAllocator();
    }

    /**
     * Netty's pooled allocator keeps 2 × cores direct and heap arenas of 4 MiB chunks each, sized
     * for servers; these applications' few connections need one of each. Measured on the
     * producer: peak RSS 186 → 141 MB for a 20,000-record run (docs/benchmarks.md). Set before any
     * Netty class loads; a value given with -D wins.
     */
    static void leanNettyAllocator() {
        for (String key : new String[] {"io.netty.allocator.numDirectArenas", "io.netty.allocator.numHeapArenas"}) {
            if (System.getProperty(key) == null) {
                System.setProperty(key, "1");
            }
        }
    }

    private static void relaunchIn(Class<?> main, List<String> options, String[] args) {
        Optional<String> parent = Optional.ofNullable(System.getenv(CHILD_OF));
        if (parent.isPresent()) {
            haltWithParent(parent.get());
            return;
        }
        List<String> given = userArguments();
        if (!decide(given, System.getProperty(OPT_OUT_PROPERTY))) {
            return;
        }
        String classPath = System.getProperty("java.class.path");
        Optional<ClassArchive> archive = ClassArchive.of(classPath, given, System.getProperty(ClassArchive.OFF_PROPERTY),
                ClassArchive.defaultCacheDir(), System.getProperty("java.home") + "|" + System.getProperty("java.vm.version"),
                ProcessHandle.current().pid());
        List<String> childOptions = new ArrayList<>(options);
        archive.ifPresent(a -> childOptions.addAll(a.options()));
        List<String> command = command(javaCommand(), childOptions, given, classPath, main.getName(), args);
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put(CHILD_OF, Long.toString(ProcessHandle.current().pid()));
        // the child reads these variables itself; passing their words on as well would apply them twice
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        Process child;
        long started = System.nanoTime();
        try {
            child = builder.start();
        } catch (IOException e) {
            System.err.println("could not start a sized JVM (" + e.getMessage() + "); running in this one");
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            child.destroy();
            try {
                int code = child.waitFor();
                archive.ifPresent(a -> a.publish(code, Duration.ofNanos(System.nanoTime() - started)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sized-jvm-child"));
        int code;
        try {
            code = child.waitFor();
        } catch (InterruptedException e) {
            code = 1;
        }
        int exitCode = code;
        archive.ifPresent(a -> a.publish(exitCode, Duration.ofNanos(System.nanoTime() - started)));
        System.exit(code);
    }

    /** Whether to start a child: not when the user chose heap, GC or compiler options, or opted out. */
    static boolean decide(List<String> given, String optOut) {
        if ("as-is".equals(optOut)) {
            return false;
        }
        return given.stream().noneMatch(a -> RUN_AS_IS.stream().anyMatch(a::startsWith));
    }

    static List<String> command(String java, List<String> options, List<String> given, String classPath,
                                String mainClass, String[] args) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(options);
        command.addAll(given);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(Arrays.asList(args));
        return command;
    }

    /** The JVM options of this process as given (-D, -javaagent, ...), including those of JAVA_TOOL_OPTIONS. */
    private static List<String> userArguments() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments();
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static void haltWithParent(String pid) {
        // the parent was killed without its shutdown hook: end as abruptly as it did
        ShutdownGuards.whenGone(pid, "sized-jvm-parent-watch", () -> Runtime.getRuntime().halt(137));
    }
}
