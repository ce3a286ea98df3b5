package dev.clickstream.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Node.js engines (kinesalite, dynalite and their node_modules) bundled in this jar, unpacked
 * into a directory so Node.js can load them. The build lists the files in {@code engines/files.txt}
 * under a digest of their contents; a directory that already holds that digest is used as it is, so
 * only the first start after a new build pays for the copy.
 */
final class EngineBundle {
    private static final Logger LOG = LoggerFactory.getLogger(EngineBundle.class);
    private static final String ROOT = "/engines/";
    private static final String LISTING = "files.txt";
    private static final String PRELOAD = "loopback.js";
    private static final String MARKER = ".bundle";
    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"");

    private EngineBundle() {}

    /** Unpacks into {@code dir} unless it holds this bundle already; returns {@code dir}. */
    static synchronized Path unpack(Path dir) throws LocalStackException {
        try {
            List<String> listing = readListing();
            String digest = listing.get(0);
            Path marker = dir.resolve(MARKER);
            if (Files.isRegularFile(marker) && Files.readString(marker, StandardCharsets.UTF_8).equals(digest)) {
                return dir;
            }
            long start = System.nanoTime();
            Files.createDirectories(dir);
            Files.deleteIfExists(marker);
            List<String> files = listing.subList(1, listing.size());
            for (String file : files) {
                copy("node_modules/" + file, dir.resolve("node_modules").resolve(file));
            }
            copy(PRELOAD, preload(dir));
            Files.writeString(marker, digest, StandardCharsets.UTF_8);
            LOG.info("unpacked {} engine files into {} in {} ms", files.size() + 1, dir, (System.nanoTime() - start) / 1_000_000);
            return dir;
        } catch (IOException e) {
            throw new LocalStackException("cannot unpack the engines into " + dir + ": " + e.getMessage(), e);
        }
    }

    static Path preload(Path dir) {
        return dir.resolve(PRELOAD);
    }

    /** A bundled package's version, from its package.json. */
    static String version(Path dir, String pkg) {
        try {
            String json = Files.readString(dir.resolve("node_modules").resolve(pkg).resolve("package.json"));
            Matcher m = VERSION.matcher(json);
            return m.find() ? m.group(1) : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static List<String> readListing() throws IOException {
        try (InputStream in = resource(LISTING);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> lines = new ArrayList<>(reader.lines().filter(l -> !l.isBlank()).toList());
            if (lines.isEmpty() || !lines.get(0).startsWith("# ")) {
                throw new IOException("the engine listing in this jar is damaged; rebuild with 'mvn package'");
            }
            return lines;
        }
    }

    private static void copy(String resource, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try (InputStream in = resource(resource)) {
            Path tmp = Files.createTempFile(target.getParent(), ".unpack", ".tmp");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = EngineBundle.class.getResourceAsStream(ROOT + name);
        if (in == null) {
            throw new IOException("the engines are missing from this jar (" + ROOT + name + "); rebuild with 'mvn package'");
        }
        return in;
    }
}
