package dev.clickstream.tools.cfn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The launcher scripts in bin/, which hold each application's JVM options. */
final class LauncherScripts {
    static final Path BIN = Path.of(System.getProperty("binDir", "../bin"));
    private static final Pattern TUNED = Pattern.compile("(?m)^TUNED_JVM_OPTS=\"([^\"]*)\"$");

    private LauncherScripts() {}

    /** The TUNED_JVM_OPTS of the launcher for {@code jar} (producer.jar: bin/producer). */
    static String tunedOptions(String jar) {
        Path script = BIN.resolve(jar);
        try {
            Matcher m = TUNED.matcher(Files.readString(script));
            assertThat(m.find()).as(script + " sets TUNED_JVM_OPTS").isTrue();
            return m.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
