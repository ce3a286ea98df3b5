package dev.clickstream.consumer.bench;

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
}
