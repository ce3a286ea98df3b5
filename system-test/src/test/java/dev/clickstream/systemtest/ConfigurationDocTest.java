package dev.clickstream.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.clickstream.common.config.ConfigDef;
import dev.clickstream.common.config.ConfigKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md is what {@link ConfigurationDoc} makes of the code's keys, and every key
 * of the code is in it. With {@code -DconfigDoc=write} the test rewrites the file instead of failing.
 */
class ConfigurationDocTest {
    private static final Path PAGE = QuickStartIT.PROJECT.resolve("docs/configuration.md");
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

    @Test
    void thePageIsWhatTheCodeDefines() throws IOException {
        String expected = ConfigurationDoc.render();
        if ("write".equals(System.getProperty("configDoc"))) {
            Files.writeString(PAGE, expected, StandardCharsets.UTF_8);
        }
        String actual = Files.exists(PAGE) ? Files.readString(PAGE, StandardCharsets.UTF_8) : "";
        if (!actual.equals(expected)) {
            fail(PAGE + " differs from the keys in the code (first difference at line "
                    + firstDifferentLine(actual, expected) + "). Regenerate it from the project's root with:\n  "
                    + ConfigurationDoc.REGENERATE);
        }
    }

    @Test
    void everyKeyInTheCodeIsOnThePage() throws IOException {
        Set<String> documented = new TreeSet<>();
        for (ConfigDef def : ConfigurationDoc.definitions()) {
            def.keys().forEach(key -> documented.add(key.name()));
        }
        List<String> missing = new ArrayList<>();
        for (String type : classesWithKeyFields()) {
            Class<?> loaded;
            try {
                loaded = Class.forName(type);
            } catch (ClassNotFoundException | LinkageError e) {
                missing.add(type + " (its module is not a test dependency of system-test)");
                continue;
            }
            for (ConfigKey<?> key : ConfigurationDoc.staticKeys(loaded)) {
                if (!documented.contains(key.name())) {
                    missing.add(key.name() + " in " + type);
                }
            }
        }
        assertThat(missing).as("keys that docs/configuration.md does not document: add their definition to "
                + "ConfigurationDoc, then regenerate with " + ConfigurationDoc.REGENERATE).isEmpty();
    }

    @Test
    void aCellKeepsItsPipesAndLines() {
        assertThat(ConfigurationDoc.cell("StaticCredentialsProvider|KEY|SECRET\nnext"))
                .isEqualTo("StaticCredentialsProvider\\|KEY\\|SECRET next");
    }

    /**
     * The main classes of every module whose bytes hold a field of type ConfigKey: the type's
     * descriptor is in the class file's constant pool, so no class is loaded to find them.
     */
    private static List<String> classesWithKeyFields() throws IOException {
        Path project = QuickStartIT.PROJECT;
        byte[] descriptor = "Ldev/clickstream/common/config/ConfigKey;".getBytes(StandardCharsets.US_ASCII);
        List<String> found = new ArrayList<>();
        List<Path> classDirs = MODULE.matcher(Files.readString(project.resolve("pom.xml"))).results()
                .map(m -> project.resolve(m.group(1)).resolve("target/classes")).filter(Files::isDirectory).toList();
        for (Path dir : classDirs) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    if (contains(Files.readAllBytes(file), descriptor)) {
                        String relative = dir.relativize(file).toString();
                        found.add(relative.substring(0, relative.length() - ".class".length()).replace('/', '.'));
                    }
                }
            }
        }
        assertThat(found).as("classes with keys under " + classDirs).hasSizeGreaterThan(5);
        return found;
    }

    private static boolean contains(byte[] bytes, byte[] part) {
        outer:
        for (int i = 0; i <= bytes.length - part.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static int firstDifferentLine(String actual, String expected) {
        String[] a = actual.split("\n", -1);
        String[] e = expected.split("\n", -1);
        int line = 0;
        while (line < a.length && line < e.length && a[line].equals(e[line])) {
            line++;
        }
        return line + 1;
    }
}
