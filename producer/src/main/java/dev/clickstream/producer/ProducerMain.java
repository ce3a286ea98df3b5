package dev.clickstream.producer;

import dev.clickstream.common.cli.Cli;

/** producer.jar's entry point. JVM options belong to whoever starts the JVM: bin/producer sets the tuned ones. */
public final class ProducerMain {
    private ProducerMain() {}

    public static void main(String[] args) {
        Cli.run(ProducerCommand::commandLine, args);
    }
}
