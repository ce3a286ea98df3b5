package dev.clickstream.producer;

import dev.clickstream.common.cli.Cli;
import dev.clickstream.common.cli.SizedJvm;

/**
 * producer.jar's entry point. It holds no state of its own, so that the parent JVM of
 * {@link SizedJvm#relaunch} loads nothing but the relaunch (no logging, no SDK): about 40 MB.
 */
public final class ProducerMain {
    private ProducerMain() {}

    public static void main(String[] args) {
        SizedJvm.relaunch(ProducerMain.class, SizedJvm.LEAN_FOR_PRODUCER, args);
        Cli.run(ProducerCommand::commandLine, args);
    }
}
