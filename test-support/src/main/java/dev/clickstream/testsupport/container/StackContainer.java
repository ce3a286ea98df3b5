package dev.clickstream.testsupport.container;

import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import dev.clickstream.local.Endpoints;
import dev.clickstream.local.KinesisLimits;
import dev.clickstream.local.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The local stack's image (container/build) as a Testcontainers container: Kinesis, DynamoDB and S3
 * on free ports of 127.0.0.1, through the host's network (no port mapping, no bridge), started
 * once it prints {@code ready in}. For the project's tests and for a user's own:
 * <pre>{@code
 * try (StackContainer stack = new StackContainer("clickstream/local-stack:latest")) {
 *     stack.start();
 *     URI kinesis = stack.endpoints().kinesis();
 * }
 * }</pre>
 */
public class StackContainer extends GenericContainer<StackContainer> {
    /** Where the image keeps the stack's data; S3 objects are plain files under its {@code s3/}. */
    public static final String DATA_DIR = "/var/lib/clickstream/data";

    private final int kinesisPort = Ports.freePort();
    private final int dynamoDbPort = Ports.freePort();
    private final int s3Port = Ports.freePort();
    private Path hostDataDir;

    public StackContainer(String image) {
        this(DockerImageName.parse(image));
    }

    public StackContainer(DockerImageName image) {
        super(image);
        withNetworkMode("host");
        withKinesisLimits(KinesisLimits.AWS);
        withLogConsumer(new Slf4jLogConsumer(LoggerFactory.getLogger(StackContainer.class)).withPrefix("local-stack"));
        waitingFor(Wait.forLogMessage("(?s).*ready in .*", 1).withStartupTimeout(Duration.ofMinutes(2)));
        ContainerOwner.claim(this);
    }

    /** Whether Kinesis enforces AWS's per-shard limits (as the image does by default) or none. */
    public StackContainer withKinesisLimits(KinesisLimits limits) {
        return withCommand("--kinesis-port", Integer.toString(kinesisPort), "--dynamodb-port", Integer.toString(dynamoDbPort),
                "--s3-port", Integer.toString(s3Port), "--data-dir", DATA_DIR, "--kinesis-limits", limits.cliValue());
    }

    /**
     * Binds a directory of this machine as the stack's data directory, so that a test can read the
     * S3 objects as files ({@link #s3Root}). The stack runs as the directory's owner.
     */
    public StackContainer withDataDir(Path dir) {
        String uid;
        String gid;
        try {
            Files.createDirectories(dir);
            uid = Files.getAttribute(dir, "unix:uid").toString();
            gid = Files.getAttribute(dir, "unix:gid").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        hostDataDir = dir.toAbsolutePath();
        // The bind goes on the create command itself: withFileSystemBind would first probe file
        // mounting with an alpine container, an image no registry serves here.
        Bind bind = new Bind(hostDataDir.toString(), new Volume(DATA_DIR));
        return withCreateContainerCmdModifier(cmd -> {
            HostConfig host = cmd.getHostConfig();
            List<Bind> binds = new ArrayList<>(host.getBinds() == null ? List.of() : List.of(host.getBinds()));
            binds.add(bind);
            host.withBinds(binds);
            cmd.withUser(uid + ":" + gid);
        });
    }

    public Endpoints endpoints() {
        return new Endpoints(loopback(kinesisPort), loopback(dynamoDbPort), loopback(s3Port));
    }

    /** Where S3 objects are as files on this machine ({@code bucket/key}), with {@link #withDataDir}. */
    public Optional<Path> s3Root() {
        return Optional.ofNullable(hostDataDir).map(dir -> dir.resolve("s3"));
    }

    private static URI loopback(int port) {
        return URI.create("http://127.0.0.1:" + port);
    }
}
