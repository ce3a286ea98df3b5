package dev.clickstream.testsupport.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * Labels each container a test starts with the test JVM that owns it, and removes the containers
 * whose JVM is gone. Testcontainers' own reaper (Ryuk) is an image no registry serves here, so it
 * is off; without it a killed test JVM would leave its containers running.
 */
public final class ContainerOwner {
    /** Present on every container the project's tests start. */
    public static final String LABEL = "dev.clickstream.test";
    /** The owning JVM: {@code pid@start-epoch-millis}, so that a reused pid is not taken for its owner. */
    public static final String OWNER_LABEL = "dev.clickstream.test.owner";

    private static final Logger LOG = LoggerFactory.getLogger(ContainerOwner.class);
    private static final String SELF = owner(ProcessHandle.current()).orElse(ProcessHandle.current().pid() + "@0");
    private static final AtomicBoolean CLAIMED_ONCE = new AtomicBoolean();

    private ContainerOwner() {}

    /**
     * Labels the container as this JVM's. The first claim in a JVM removes what dead test JVMs
     * left, and arranges for this JVM's containers to be removed when it exits.
     */
    public static <T extends GenericContainer<?>> T claim(T container) {
        container.withLabel(LABEL, "true").withLabel(OWNER_LABEL, SELF);
        if (CLAIMED_ONCE.compareAndSet(false, true)) {
            removeLeftovers();
            Runtime.getRuntime().addShutdownHook(new Thread(ContainerOwner::removeOwn, "remove-test-containers"));
        }
        return container;
    }

    /** This JVM's owner label. */
    public static String self() {
        return SELF;
    }

    /** Removes the labelled containers whose owning JVM has ended; returns how many. */
    public static int removeLeftovers() {
        return remove(c -> !isAlive(c.getLabels().getOrDefault(OWNER_LABEL, "")));
    }

    /** Removes this JVM's labelled containers (those a test did not stop); returns how many. */
    public static int removeOwn() {
        return remove(c -> SELF.equals(c.getLabels().get(OWNER_LABEL)));
    }

    private static int remove(Predicate<Container> which) {
        DockerClient docker = DockerClientFactory.instance().client();
        List<Container> doomed = docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(LABEL)).exec()
                .stream().filter(which).toList();
        for (Container container : doomed) {
            LOG.info("removing test container {} ({}) of {}", container.getId().substring(0, 12), container.getImage(),
                    container.getLabels().get(OWNER_LABEL));
            docker.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec();
        }
        return doomed.size();
    }

    private static boolean isAlive(String owner) {
        int at = owner.indexOf('@');
        if (at < 0) {
            return false;
        }
        try {
            long pid = Long.parseLong(owner.substring(0, at));
            return ProcessHandle.of(pid).flatMap(ContainerOwner::owner).map(owner::equals).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Optional<String> owner(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli).map(start -> process.pid() + "@" + start);
    }
}
