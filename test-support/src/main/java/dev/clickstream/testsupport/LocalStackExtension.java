package dev.clickstream.testsupport;

import dev.clickstream.local.LocalStack;
import dev.clickstream.local.LocalStackException;
import dev.clickstream.local.LocalStackOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the local stack once per test JVM, on free ports, and hands tests a {@link LocalAws}.
 * Use with {@code @ExtendWith(LocalStackExtension.class)} and a {@code LocalAws} parameter (in a
 * constructor, a lifecycle method or a test). The stack stops when the test run ends.
 *
 * <p>Its files go under {@code target/local-stack/run-<pid>}: S3 objects, the emulator's log.
 * Kinesis's per-shard limits are off on this shared stack (tests about them start their own with
 * {@link LocalAws#startWith}): the tests sharing it fill and read streams in bursts about something
 * else, and refill waits would only slow them down.
 */
public final class LocalStackExtension implements ParameterResolver {
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
            LocalStack stack = LocalStack.start(LocalStackOptions.onFreePorts(dir.resolve("data"), dir.resolve("logs")));
            return LocalAws.of(stack);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (LocalStackException e) {
            throw new IllegalStateException("local stack did not start: " + e.getMessage(), e);
        }
    }
}
