package dev.clickstream.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.testsupport.JavaProcess;
import dev.clickstream.testsupport.LocalAws;
import dev.clickstream.testsupport.LocalStackExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM ends the consumer within its shutdown timeout plus 5 s in every state, even while the
 * KCL is still starting up (on an empty lease table it first waits up to 30 s, and its graceful
 * shutdown waits for that start to finish).
 */
@ExtendWith(LocalStackExtension.class)
class ShutdownIT {
    static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    @Test
    void sigtermDuringTheKclStartUpEndsTheJvmWithinTheTimeoutPlusFiveSeconds(LocalAws aws) {
        ConsumerFixture f = new ConsumerFixture(aws, "shutdown")
                .set("shutdownTimeoutMillis", Long.toString(SHUTDOWN_TIMEOUT.toMillis()));
        aws.createStream(f.stream, 2);
        try (JavaProcess consumer = f.startJar(dir)) {
            consumer.awaitStdoutLine(Pattern.compile("^consumer: running"), Duration.ofSeconds(60));

            consumer.terminate();

            assertThat(consumer.awaitExit(SHUTDOWN_TIMEOUT.plusSeconds(5))).as(consumer.describe()).isNotNegative();
        }
    }
}
