package dev.clickstream.consumer.cli;

import dev.clickstream.common.cli.Cli;

/** consumer.jar's entry point. JVM options belong to whoever starts the JVM: bin/consumer sets the tuned ones. */
public final class ConsumerMain {
    private ConsumerMain() {}

    public static void main(String[] args) {
        Cli.run(ConsumerCommand::commandLine, args);
    }
}
