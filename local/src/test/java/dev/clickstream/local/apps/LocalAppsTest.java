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
    void startsTheConsumersAndDashboardBeforeTheProducerSoItsFirstRecordsAreSeen() {
        assertThat(LocalApps.specs(project, 8080)).extracting(AppSpec::name)
                .containsExactly("archiver", "counter", "dashboard", "producer");
    }

    @Test
    void eachAppGetsItsLocalConfigAndTheDashboardItsPort() {
        var specs = LocalApps.specs(project, 18080);
        assertThat(specs.get(0).args()).containsExactly("--properties",
                project.resolve("config/local/sample.properties").toString());
        assertThat(specs.get(1).args()).containsExactly("--properties",
                project.resolve("config/local/counter.properties").toString());
        assertThat(specs.get(2).args()).containsSequence("--port", "18080");
        assertThat(specs.get(3).args()).containsExactly("--config",
                project.resolve("config/local/producer.properties").toString());
    }

    @Test
    void aMissingJarSaysWhichAndHowToBuildIt() {
        assertThatThrownBy(() -> LocalApps.checkBuilt(project))
                .isInstanceOf(LocalStackException.class)
                .hasMessage("archiver: " + project.resolve("consumer/target/consumer.jar")
                        + " not found (build it first: mvn -B -q package -DskipTests)");
    }

    @Test
    void aMissingConfigDirectorySaysToRunFromTheProject() throws Exception {
        for (AppSpec spec : LocalApps.specs(project, 8080)) {
            Files.createDirectories(spec.jar().getParent());
            Files.writeString(spec.jar(), "");
        }
        assertThatThrownBy(() -> LocalApps.checkBuilt(project))
                .hasMessageStartingWith("apps: " + project.resolve("config/local") + " not found");
    }
}
