package dev.clickstream.testsupport.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.junit.jupiter.EnabledIfDockerAvailable;

/**
 * Without Testcontainers' reaper, ContainerOwner is what removes the containers of a killed test
 * JVM: those of an ended owner go, this JVM's stay until it exits, and others' are never touched.
 */
@EnabledIfDockerAvailable
class LeftoverContainerIT {

    @Test
    void containersOfAnEndedTestJvmAreRemovedAndNoOthers() throws Exception {
        DockerClient docker = DockerClientFactory.instance().client();
        String image = ProjectImages.localStack();
        ContainerOwner.removeLeftovers(); // what an earlier killed run left, so that the counts below are this test's
        String ended = create(docker, image, Map.of(ContainerOwner.LABEL, "true", ContainerOwner.OWNER_LABEL, endedProcess()));
        String reusedPid = create(docker, image, Map.of(ContainerOwner.LABEL, "true",
                ContainerOwner.OWNER_LABEL, ProcessHandle.current().pid() + "@1"));
        String ours = create(docker, image, Map.of(ContainerOwner.LABEL, "true", ContainerOwner.OWNER_LABEL, ContainerOwner.self()));
        String foreign = create(docker, image, Map.of("purpose", "not a test's"));
        try {
            assertThat(ContainerOwner.removeLeftovers()).isEqualTo(2);
            assertThat(ids(docker)).doesNotContain(ended, reusedPid).contains(ours, foreign);

            assertThat(ContainerOwner.removeOwn()).isEqualTo(1);
            assertThat(ids(docker)).doesNotContain(ours).contains(foreign);
        } finally {
            for (String id : List.of(ended, reusedPid, ours, foreign)) {
                if (ids(docker).contains(id)) {
                    docker.removeContainerCmd(id).withForce(true).exec();
                }
            }
        }
    }

    /** The owner label of a process that has ended. */
    private static String endedProcess() throws IOException, InterruptedException {
        Process cat = new ProcessBuilder("cat").start();
        Instant start = cat.info().startInstant().orElseThrow();
        cat.getOutputStream().close();
        cat.waitFor();
        return cat.pid() + "@" + start.toEpochMilli();
    }

    private static String create(DockerClient docker, String image, Map<String, String> labels) {
        return docker.createContainerCmd(image).withLabels(labels)
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("host")).exec().getId();
    }

    private static List<String> ids(DockerClient docker) {
        return docker.listContainersCmd().withShowAll(true).exec().stream().map(Container::getId).toList();
    }
}
