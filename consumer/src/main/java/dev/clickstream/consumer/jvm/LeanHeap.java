package dev.clickstream.consumer.jvm;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the heap near what the consumer needs when it was started with no heap flags (the
 * README's plain {@code java -jar}). The JVM then starts with 1/64 of the machine's memory
 * committed (384 MB on 24 GB) and G1 sizes its young generation from that, so the garbage of the
 * GetRecords answers alone would touch hundreds of MB. Through the JVM's manageable flags it asks
 * G1 to keep little free heap and gives back what start-up left committed; G1 then grows the heap
 * only as far as its GC-time goal needs. Any heap flag on the command line disables this.
 */
public final class LeanHeap {
    private static final Logger LOG = LoggerFactory.getLogger(LeanHeap.class);
    private static final List<String> HEAP_FLAGS = List.of("-Xmx", "-Xms", "-XX:MaxHeapSize", "-XX:InitialHeapSize",
            "-XX:MinHeapFreeRatio", "-XX:MaxHeapFreeRatio", "-XX:MaxRAM");

    private LeanHeap() {}

    public static void apply() {
        List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
        if (args.stream().anyMatch(a -> HEAP_FLAGS.stream().anyMatch(a::startsWith))) {
            LOG.info("Heap flags given ({}); heap left as configured", args);
            return;
        }
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            // the order matters: the JVM refuses a MinHeapFreeRatio above MaxHeapFreeRatio
            vm.setVMOption("MinHeapFreeRatio", "10");
            vm.setVMOption("MaxHeapFreeRatio", "20");
            System.gc(); // a full GC shrinks the committed heap to the new ratios (start-up leaves little alive)
            LOG.info("Heap kept lean: MinHeapFreeRatio 10, MaxHeapFreeRatio 20; committed {} MB after start-up",
                    Runtime.getRuntime().totalMemory() >> 20);
        } catch (RuntimeException e) {
            LOG.info("Heap left as the JVM chose: {}", e.toString()); // another JVM or GC: nothing to tune
        }
    }
}
