package dev.clickstream.consumer.cli;

import dev.clickstream.common.cli.Cli;
import dev.clickstream.common.cli.SizedJvm;

/**
 * consumer.jar's entry point. It holds no state of its own, so that the parent JVM of
 * {@link SizedJvm#relaunch} loads nothing but the relaunch (no logging, no SDK, no KCL): about 40 MB.
 */
public final class ConsumerMain {
    private ConsumerMain() {}

    public static void main(String[] args) {
        SizedJvm.relaunch(ConsumerMain.class, SizedJvm.LEAN_FOR_KCL, args);
        Cli.run(ConsumerCommand::commandLine, args);
    }
}
