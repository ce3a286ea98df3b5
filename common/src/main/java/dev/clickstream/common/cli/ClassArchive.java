package dev.clickstream.common.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The sized JVM's class-data archive (AppCDS, JDK 13+): the classes a run of the jar loaded,
 * parsed and verified, mapped by the next run instead of read from the jar again. Measured on the
 * consumer from {@code java -jar} to its first object: 3.3–3.8 s of CPU without, 1.6–2.4 s with
 * (docs/benchmarks.md). The first run of a jar writes the archive at its exit
 * ({@code -XX:ArchiveClassesAtExit}, about 45 MB for the consumer) to a file of its own; the parent
 * moves it into place only after a clean end of a run long enough to have loaded its working set,
 * and only if the JVM finished writing it (the header, written last, starts with the archive's
 * magic), since a JVM that maps a truncated archive crashes. Every later run maps it
 * ({@code -XX:SharedArchiveFile}). The file's name holds the jar's path, size and time and the
 * JVM's version, so a rebuilt jar or another JDK makes a new one; the one it replaces (same jar
 * path) is deleted.
 * The JVM checks the archive again and runs without it if it does not match; its CDS warnings are
 * off, so the console stays the application's.
 */
final class ClassArchive {
    static final String OFF_PROPERTY = "clickstream.classArchive";
    /** Runs shorter than this (--help, --version, a bad option) load too little to be worth archiving. */
    static final Duration MIN_RUN = Duration.ofSeconds(5);
    private static final List<String> QUIET = List.of("-Xlog:cds*=off");
    /** CDS_DYNAMIC_ARCHIVE_MAGIC (0xf00baba8) as the JVM writes it on a little-endian machine. */
    private static final byte[] MAGIC = {(byte) 0xa8, (byte) 0xab, 0x0b, (byte) 0xf0};
    /** What a clean end of the application gives: its own exit, Ctrl-C, SIGTERM. */
    private static final List<Integer> CLEAN_EXITS = List.of(0, 130, 143);

    private final Path archive;
    private final Path pending;
    /** The names of this jar's archives, of any build. */
    private final Pattern names;

    private ClassArchive(Path archive, Path pending, String prefix) {
        this.archive = archive;
        this.pending = pending;
        this.names = Pattern.compile(Pattern.quote(prefix) + "[0-9a-f]+\\.jsa");
    }

    /**
     * The archive for a {@code java -jar} class path, in {@code cacheDir}; empty for a class path
     * that is not one jar, when the user gave CDS options or turned it off, or when the directory
     * cannot be made.
     */
    static Optional<ClassArchive> of(String classPath, List<String> given, String off, Path cacheDir, String jvm,
                                     long pid) {
        if ("off".equals(off) || classPath == null || classPath.contains(java.io.File.pathSeparator)
                || !classPath.endsWith(".jar")
                || given.stream().anyMatch(a -> a.startsWith("-Xshare") || a.startsWith("-XX:SharedArchiveFile")
                        || a.startsWith("-XX:ArchiveClassesAtExit"))) {
            return Optional.empty();
        }
        try {
            Path jar = Path.of(classPath).toAbsolutePath();
            BasicFileAttributes attributes = Files.readAttributes(jar, BasicFileAttributes.class);
            String key = attributes.size() + "|" + attributes.lastModifiedTime().toMillis() + "|" + jvm;
            Files.createDirectories(cacheDir);
            // one archive per jar path: two checkouts' jars each keep theirs
            String prefix = jar.getFileName().toString().replaceAll("\\.jar$", "") + "-"
                    + Integer.toHexString(jar.toString().hashCode()) + "-";
            Path archive = cacheDir.resolve(prefix + Integer.toHexString(key.hashCode()) + ".jsa");
            return Optional.of(new ClassArchive(archive, cacheDir.resolve(archive.getFileName() + "." + pid + ".tmp"),
                    prefix));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@code $XDG_CACHE_HOME/clickstream}, else {@code ~/.cache/clickstream}. */
    static Path defaultCacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("clickstream");
    }

    /** The child's options: map the archive if there is one, else write one at exit. */
    List<String> options() {
        String option = Files.isRegularFile(archive)
                ? "-XX:SharedArchiveFile=" + archive
                : "-XX:ArchiveClassesAtExit=" + pending;
        return Stream.concat(QUIET.stream(), Stream.of(option)).toList();
    }

    /**
     * After the child's end: moves a complete archive of a clean, long enough run into place and
     * deletes the one it replaces; anything else is dropped. Never throws: an archive is only a
     * speed-up.
     */
    void publish(int exitCode, Duration ran) {
        try {
            if (Files.isRegularFile(pending) && CLEAN_EXITS.contains(exitCode) && ran.compareTo(MIN_RUN) >= 0
                    && complete(pending)) {
                Files.move(pending, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                deleteOthers();
            }
            Files.deleteIfExists(pending);
        } catch (IOException | RuntimeException e) {
            // left for the next run to write again
        }
    }

    Path archive() {
        return archive;
    }

    private static boolean complete(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(MAGIC.length);
            return Arrays.equals(head, MAGIC);
        }
    }

    /** Archives of earlier builds of the same jar. */
    private void deleteOthers() throws IOException {
        try (Stream<Path> files = Files.list(archive.getParent())) {
            for (Path other : (Iterable<Path>) files::iterator) {
                if (!other.equals(archive) && names.matcher(other.getFileName().toString()).matches()) {
                    Files.deleteIfExists(other);
                }
            }
        }
    }
}
