package dev.clickstream.systemtest;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No package cycles among the project's main classes, over every module at once (this module is
 * built last, so every other module's target/classes is there). Each package is a slice of its
 * own: {@code a -> a.b -> a} is a cycle too.
 */
class PackageCyclesTest {
    private static final Path PROJECT = QuickStartIT.PROJECT;
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final ArchRule NO_CYCLES = slices().matching("dev.clickstream.(**)").should().beFreeOfCycles();

    @Test
    void noPackageOfAnyModuleIsInACycle() throws IOException {
        List<Path> classDirs = MODULE.matcher(Files.readString(PROJECT.resolve("pom.xml"))).results()
                .map(m -> m.group(1)).filter(module -> !module.equals("system-test"))
                .map(module -> PROJECT.resolve(module).resolve("target/classes")).toList();
        assertThat(classDirs).hasSizeGreaterThan(5).allSatisfy(dir -> assertThat(dir)
                .as("compiled classes (build the modules first, e.g. mvn -B verify)").isDirectory());

        JavaClasses classes = new ClassFileImporter().importPaths(classDirs);

        assertThat(classes.stream().map(c -> c.getPackageName()).distinct()).hasSizeGreaterThan(20);
        NO_CYCLES.check(classes);
    }

    @Test
    void theRuleCatchesACycle() {
        JavaClasses fixture = new ClassFileImporter().importPackages("dev.clickstream.systemtest.cycle");

        assertThatThrownBy(() -> NO_CYCLES.check(fixture)).hasMessageContaining("Cycle detected")
                .hasMessageContaining("systemtest.cycle.a").hasMessageContaining("systemtest.cycle.b");
    }
}
