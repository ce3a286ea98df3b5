package dev.clickstream.common.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class AppVersionTest {

    @Command(name = "some-app", mixinStandardHelpOptions = true, versionProvider = AppVersion.class,
            subcommands = Sub.class)
    static final class App implements Runnable {
        @Override
        public void run() {}
    }

    @Command(name = "sub", mixinStandardHelpOptions = true, versionProvider = AppVersion.class)
    static final class Sub implements Runnable {
        @Override
        public void run() {}
    }

    @Test
    void namesTheRootCommandAndSaysDevelopmentOutsideAJar() {
        assertThat(version("--version")).isEqualTo("some-app development");
        assertThat(version("sub", "--version")).isEqualTo("some-app development");
    }

    private static String version(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new App());
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute(args)).isZero();
        return out.toString().strip();
    }
}
