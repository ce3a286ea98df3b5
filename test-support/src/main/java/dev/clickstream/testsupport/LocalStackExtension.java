package dev.clickstream.testsupport;

import dev.clickstream.local.Endpoints;
import dev.clickstream.local.KinesisLimits;
import dev.clickstream.local.LocalStack;
import dev.clickstream.local.LocalStackException;
import dev.clickstream.local.LocalStackOptions;
import dev.clickstream.testsupport.container.ContainerOwner;
import dev.clickstream.testsupport.container.ProjectImages;
import dev.clickstream.testsupport.container.StackContainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Starts the local stack once per test JVM, on free ports, and hands tests a {@link LocalAws}.
 * Use with {@code @ExtendWith(LocalStackExtension.class)} and a {@code LocalAws} parameter (in a
 * constructor, a lifecycle method or a test). The stack stops when the test run ends.
 *
 * <p>Its files go under {@code target/local-stack/run-<pid>}: S3 objects, the emulator's log.
 * Kinesis's per-shard limits are off on this shared stack (tests about them start their own with
 * {@link LocalAws#startWith}): the tests sharing it fill and read streams in bursts about something
 * else, and refill waits would only slow them down.
 *
 * <p>System property {@value #STACK}: {@code embedded} (default: the stack in this JVM),
 * {@code container} (the project's local-stack image, through Testcontainers, built by
 * container/build when missing) or {@code localstack} (Testcontainers' LocalStack module, image
 * {@value #LOCALSTACK_IMAGE} unless {@code -Dclickstream.localstack.image} names another; needs a registry).
 */
public final class LocalStackExtension implements ParameterResolver {
    public static final String STACK = "clickstream.stack";
    public static final String LOCALSTACK_IMAGE = "localstack/localstack:4.4";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalStackExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalAws.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return shared(context);
    }

    /** The stack of this JVM, started on first use. */
    public static LocalAws shared(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(LocalAws.class, key -> start(), LocalAws.class);
    }

    private static LocalAws start() {
        Path dir = Path.of("target", "local-stack", "run-" + ProcessHandle.current().pid()).toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String stack = System.getProperty(STACK, "embedded");
        return switch (stack) {
            case "embedded" -> embedded(dir);
            case "container" -> container(dir);
            case "localstack" -> localStack();
            default -> throw new IllegalArgumentException(STACK + "=" + stack + ": expected embedded, container or localstack");
        };
    }

    private static LocalAws embedded(Path dir) {
        try {
            LocalStack stack = LocalStack.start(LocalStackOptions.onFreePorts(dir.resolve("data"), dir.resolve("logs")));
            return LocalAws.of(stack);
        } catch (LocalStackException e) {
            throw new IllegalStateException("local stack did not start: " + e.getMessage(), e);
        }
    }

    private static LocalAws container(Path dir) {
        StackContainer container = new StackContainer(ProjectImages.localStack())
                .withKinesisLimits(KinesisLimits.OFF).withDataDir(dir.resolve("data"));
        container.start();
        return LocalAws.of(container);
    }

    /** Endpoints only: LocalStack takes the project's dummy credentials as it takes any. */
    private static LocalAws localStack() {
        String image = System.getProperty("clickstream.localstack.image", LOCALSTACK_IMAGE);
        LocalStackContainer container = ContainerOwner.claim(new LocalStackContainer(DockerImageName.parse(image)));
        String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
        if (token != null) {
            container.withEnv("LOCALSTACK_AUTH_TOKEN", token);
        }
        container.start();
        URI endpoint = container.getEndpoint();
        return LocalAws.of(new Endpoints(endpoint, endpoint, endpoint), null, container);
    }
}
