package dev.clickstream.testsupport.container;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The project's images, for the tests: found or built by {@code container/build} from this build's
 * jars, once per JVM. The script tags each image by its content and builds only what changed, so a
 * second test JVM of the same build finds the image at once. BASE_IMAGE and the script's other
 * settings come from the environment.
 */
public final class ProjectImages {
    private static final Map<String, String> IMAGES = new ConcurrentHashMap<>();
    private static final long BUILD_MINUTES = 20;

    private ProjectImages() {}

    /** The local stack's image (needs local/target/local-stack.jar). */
    public static String localStack() {
        return IMAGES.computeIfAbsent("stack", ProjectImages::build);
    }

    /** The applications' image (needs the producer, consumer, dashboard and tools jars). */
    public static String apps() {
        return IMAGES.computeIfAbsent("apps", ProjectImages::build);
    }

    private static String build(String target) {
        Path script = projectDir().resolve("container/build");
        Path log = Path.of("target", "container-build-" + target + ".log").toAbsolutePath();
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(script.toString(), target).redirectError(log.toFile()).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(BUILD_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(script + " " + target + " took over " + BUILD_MINUTES + " min; see " + log);
            }
            List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
            if (process.exitValue() != 0 || lines.isEmpty()) {
                List<String> errors = Files.readAllLines(log);
                throw new IllegalStateException(script + " " + target + " failed (exit " + process.exitValue() + "): "
                        + (errors.isEmpty() ? "" : errors.get(errors.size() - 1)) + "; see " + log);
            }
            return lines.get(lines.size() - 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the " + target + " image", e);
        }
    }

    /** The project's root: system property projectDir, else the nearest directory up that has container/build. */
    static Path projectDir() {
        String given = System.getProperty("projectDir");
        if (given != null) {
            return Path.of(given).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isExecutable(dir.resolve("container/build"))) {
                return dir;
            }
        }
        throw new IllegalStateException("container/build not found above " + Path.of("").toAbsolutePath()
                + ": run from the project, or set -DprojectDir");
    }
}
