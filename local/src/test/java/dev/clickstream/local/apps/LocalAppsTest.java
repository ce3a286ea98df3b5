package dev.clickstream.local.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clickstream.local.LocalStackException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalAppsTest {
    @TempDir
    Path project;

    @Test
    void theProducerComesFirstBecauseItCreatesTheStreamTheConsumersNeed() {
        var specs = LocalApps.specs(project, 8080);
        assertThat(specs).extracting(AppSpec::name).containsExactly("producer", "archiver", "counter", "dashboard");
        assertThat(specs.get(0).readyLine()).hasValue(LocalApps.PRODUCER_SENDING);
        assertThat(specs.get(1).readyLine()).isEmpty();
        assertThat(specs.get(2).readyLine()).isEmpty();
        assertThat(specs.get(3).readyLine()).hasValue(LocalApps.DASHBOARD_READY);
    }

    @Test
    void theReadyLinesMatchWhatTheProducerAndDashboardPrint() {
        // QuickStartIT runs the real apps; here, that the patterns take their lines as printed and nothing earlier
        assertThat(LocalApps.PRODUCER_SENDING.matcher("sending 5 records per PutRecords call, 20 calls/s, "
                + "to stream kclnodejsclickstreamsample (seed 42)").find()).isTrue();
        assertThat(LocalApps.PRODUCER_SENDING.matcher("stream kclnodejsclickstreamsample: CREATING").find()).isFalse();
        assertThat(LocalApps.DASHBOARD_READY.matcher("ready (Ctrl-C to stop)").find()).isTrue();
        assertThat(LocalApps.DASHBOARD_READY.matcher("dashboard http://127.0.0.1:8080/").find()).isFalse();
    }

    @Test
    void eachAppGetsItsLocalConfigAndTheDashboardItsPort() {
        var specs = LocalApps.specs(project, 18080);
        assertThat(specs.get(0).args()).containsExactly("--properties",
                project.resolve("config/local/producer.properties").toString());
        assertThat(specs.get(1).args()).containsExactly("--properties",
                project.resolve("config/local/sample.properties").toString());
        assertThat(specs.get(2).args()).containsExactly("--properties",
                project.resolve("config/local/counter.properties").toString());
        assertThat(specs.get(3).args()).containsSequence("--port", "18080");
    }

    @Test
    void eachAppStartsThroughItsLauncherInBin() {
        assertThat(LocalApps.specs(project, 8080)).extracting(s -> project.relativize(s.launcher()).toString())
                .containsExactly("bin/producer", "bin/consumer", "bin/consumer", "bin/dashboard");
    }

    @Test
    void aMissingLauncherSaysToRunFromTheProject() {
        assertThatThrownBy(() -> LocalApps.checkBuilt(project))
                .isInstanceOf(LocalStackException.class)
                .hasMessage("producer: " + project.resolve("bin/producer") + " not found (run from the project directory)");
    }

    @Test
    void aMissingJarSaysWhichAndHowToBuildIt() throws Exception {
        launchers();
        assertThatThrownBy(() -> LocalApps.checkBuilt(project))
                .isInstanceOf(LocalStackException.class)
                .hasMessage("producer: " + project.resolve("producer/target/producer.jar")
                        + " not found (build it first: mvn -B -q package -DskipTests)");
    }

    @Test
    void aMissingConfigDirectorySaysToRunFromTheProject() throws Exception {
        launchers();
        for (AppSpec spec : LocalApps.specs(project, 8080)) {
            Files.createDirectories(spec.jar().getParent());
            Files.writeString(spec.jar(), "");
        }
        assertThatThrownBy(() -> LocalApps.checkBuilt(project))
                .hasMessageStartingWith("apps: " + project.resolve("config/local") + " not found");
    }

    private void launchers() throws Exception {
        for (AppSpec spec : LocalApps.specs(project, 8080)) {
            Files.createDirectories(spec.launcher().getParent());
            Files.writeString(spec.launcher(), "#!/bin/sh\n");
            spec.launcher().toFile().setExecutable(true);
        }
    }
}
