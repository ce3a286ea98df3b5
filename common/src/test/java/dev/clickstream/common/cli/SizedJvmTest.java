package dev.clickstream.common.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SizedJvmTest {
    @Test
    void aJvmTheUserDidNotSizeIsRelaunched() {
        assertThat(SizedJvm.decide(List.of(), null)).isTrue();
        assertThat(SizedJvm.decide(List.of("-Dclickstream.test.haltAfterPutObject=3", "-Xshare:auto"), null)).isTrue();
    }

    @Test
    void theUsersHeapGcCompilerDebuggerOrProfilerChoiceRunsAsIs() {
        for (String option : List.of("-Xmx2g", "-Xms64m", "-XX:MaxRAMPercentage=50", "-XX:+UseZGC",
                "-XX:TieredStopAtLevel=1", "-agentlib:jdwp=transport=dt_socket", "-javaagent:x.jar",
                "-XX:StartFlightRecording=filename=a.jfr", "-XX:NativeMemoryTracking=summary")) {
            assertThat(SizedJvm.decide(List.of("-Dx=y", option), null)).as(option).isFalse();
        }
        assertThat(SizedJvm.decide(List.of(), "as-is")).isFalse();
        assertThat(SizedJvm.decide(List.of(), "sized")).isTrue();
    }

    @Test
    void theChildGetsTheLeanOptionsThenTheUsersThenTheSameClassPathMainAndArguments() {
        assertThat(SizedJvm.command("/jdk/bin/java", SizedJvm.LEAN, List.of("-Dk=v"), "app.jar", "a.Main",
                new String[] {"--count", "5"}))
                .containsSubsequence("/jdk/bin/java", "-XX:+UseSerialGC", "-Dk=v", "-cp", "app.jar", "a.Main",
                        "--count", "5")
                .endsWith("-cp", "app.jar", "a.Main", "--count", "5");
    }

    @Test
    void aKclConsumerGetsTheLeanCollectorAndCompilerWithALargerYoungGeneration() {
        assertThat(SizedJvm.LEAN_FOR_KCL).startsWith("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
                .contains("-XX:NewSize=40m", "-XX:SurvivorRatio=2", "-XX:MaxHeapFreeRatio=50");
        // the young generation fits in the initial heap: a NewSize above -Xms would be cut down to it
        assertThat(SizedJvm.LEAN_FOR_KCL).contains("-Xms64m").doesNotContain("-Xms16m");
    }

    @Test
    void theProducerGetsAYoungGenerationThatFitsItsInitialHeap() {
        assertThat(SizedJvm.LEAN_FOR_PRODUCER).startsWith("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
                .contains("-Xms24m", "-XX:NewSize=16m", "-XX:SurvivorRatio=4", "-XX:MaxHeapFreeRatio=50");
    }
}
