package dev.clickstream.consumer.bench;

import java.io.IOException;
import java.nio.file.Path;

/** The benches start consumer.jar as users do: bin/consumer (its JVM options, one JVM), from the repository root. */
final class ConsumerLaunch {
    private ConsumerLaunch() {}

    /** bin/consumer running {@code jar} (a consumer.jar) with {@code props}; no JAVA_OPTS from the bench's environment. */
    static ProcessBuilder of(Path jar, Path props) {
        ProcessBuilder builder = new ProcessBuilder(Path.of("bin", "consumer").toAbsolutePath().toString(),
                "--properties", props.toString());
        builder.environment().put("CLICKSTREAM_LIB", jar.toAbsolutePath().getParent().toString());
        builder.environment().remove("JAVA_OPTS");
        return builder;
    }

    /** Starts it in {@code work}, its output in {@code work/NAME.out} and its logs in {@code work/logs-NAME}. */
    static Process start(Path jar, Path props, Path work, String name) throws IOException {
        ProcessBuilder builder = of(jar, props)
                .redirectOutput(work.resolve(name + ".out").toFile())
                .redirectErrorStream(true)
                .directory(work.toFile());
        builder.environment().put("LOG_DIR", work.resolve("logs-" + name).toString());
        return builder.start();
    }
}
