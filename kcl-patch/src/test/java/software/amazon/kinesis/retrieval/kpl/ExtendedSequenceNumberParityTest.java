package software.amazon.kinesis.retrieval.kpl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.checkpoint.SentinelCheckpoint;

/**
 * This module's copy of the KCL's {@code ExtendedSequenceNumber} against the KCL's own class,
 * loaded from the KCL jar on the class path in a loader of its own: the same public API, and the
 * same answers from every method for every pair of a corpus of sequence numbers, sentinels and
 * invalid values.
 */
class ExtendedSequenceNumberParityTest {
    private static final String ENTRY = "software/amazon/kinesis/retrieval/kpl/ExtendedSequenceNumber.class";
    /** SHA-256 of the KCL 2.7.2 class this copy was made from. */
    private static final String ORIGINAL_SHA256 = "9b02ec0079ff3a967a0fd11908f4db898f8efc20371f6ec05ffe1cf4ba06ebca";

    private static final Path MODULE = Path.of(System.getProperty("kclPatchDir", "."));
    private static final Path SOURCE =
            MODULE.resolve("src/main/java/software/amazon/kinesis/retrieval/kpl/ExtendedSequenceNumber.java");
    private static final Path DIFF = MODULE.resolve("ExtendedSequenceNumber.diff");

    private static Path kclJar;
    private static URLClassLoader loader;
    private static Class<?> original;

    @BeforeAll
    static void loadTheKclsClass() throws Exception {
        kclJar = Path.of(SentinelCheckpoint.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        loader = new URLClassLoader(new URL[] {kclJar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        original = Class.forName(ExtendedSequenceNumber.class.getName(), true, loader);
        assertThat(original).isNotSameAs(ExtendedSequenceNumber.class);
    }

    @AfterAll
    static void close() throws Exception {
        loader.close();
    }

    @Test
    void theKclsClassIsTheOneThisCopyWasMadeFrom() throws Exception {
        try (JarFile jar = new JarFile(kclJar.toFile()); InputStream in = jar.getInputStream(jar.getEntry(ENTRY))) {
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
            assertThat(sha)
                    .as("the KCL's ExtendedSequenceNumber is not the one kcl-patch/src/main/java/software/amazon/kinesis/"
                            + "retrieval/kpl/ExtendedSequenceNumber.java was copied from (a KCL upgrade?): port the "
                            + "KCL's change to the copy, then set ORIGINAL_SHA256 to the new class's hash")
                    .isEqualTo(ORIGINAL_SHA256);
        }
    }

    /**
     * The diff for upstream and this copy make the same change: every code line the diff adds to
     * the KCL's class is in the copy (Lombok's annotation aside, which the copy writes out).
     */
    @Test
    void theUpstreamDiffAddsNoCodeTheCopyLacks() throws Exception {
        String copy = Files.readString(SOURCE);
        String diff = Files.readString(DIFF);
        String mainFile = diff.substring(diff.indexOf("+++ b/amazon-kinesis-client/src/main/"),
                diff.indexOf("--- a/amazon-kinesis-client/src/test/"));
        List<String> added = mainFile.lines().skip(1).filter(l -> l.startsWith("+")).map(l -> l.substring(1).strip())
                .filter(l -> !l.isEmpty() && !l.startsWith("*") && !l.startsWith("/*") && !l.startsWith("//")
                        && !l.startsWith("@EqualsAndHashCode"))
                .toList();
        assertThat(added).hasSizeGreaterThan(20);
        assertThat(copy.lines().map(String::strip).toList()).containsAll(added);
    }

    @Test
    void hasTheSamePublicAndProtectedApi() {
        assertThat(api(ExtendedSequenceNumber.class)).isEqualTo(api(original));
    }

    @Test
    void everyMethodAnswersAsTheKclsForEveryPairOfTheCorpus() throws Exception {
        List<Object[]> values = new ArrayList<>();
        for (String s : corpus()) {
            for (Long sub : new Long[] {null, 0L, 1L, 7L, -1L}) {
                values.add(new Object[] {s, sub});
            }
        }
        int compared = 0;
        for (Object[] a : values) {
            Object mine = mine(a);
            Object theirs = theirs(a);
            for (String method : List.of("sequenceNumber", "subSequenceNumber", "isShardEnd", "isSentinelCheckpoint",
                    "toString", "hashCode")) {
                assertThat(call(mine, method)).as("%s of %s", method, Arrays.toString(a)).isEqualTo(call(theirs, method));
            }
            for (Object[] b : values) {
                assertThat(outcome(() -> Integer.signum(((ExtendedSequenceNumber) mine).compareTo((ExtendedSequenceNumber) mine(b)))))
                        .as("%s compareTo %s", Arrays.toString(a), Arrays.toString(b))
                        .isEqualTo(outcome(() -> Integer.signum((int) original.getMethod("compareTo", original)
                                .invoke(theirs, theirs(b)))));
                assertThat(mine.equals(mine(b))).isEqualTo(theirs.equals(theirs(b)));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(10_000);
    }

    @Test
    void ordersRandomKinesisSequenceNumbersAsTheKcl() throws Exception {
        Random random = new Random(11);
        Method compare = original.getMethod("compareTo", original);
        String base = digits(random, 56);
        for (int i = 0; i < 20_000; i++) {
            // numbers of one shard share a long prefix and differ near the end, as Kinesis's do
            int keep = random.nextInt(57);
            String x = base.substring(0, keep) + digits(random, 56 - keep);
            String y = random.nextInt(10) == 0 ? x : base.substring(0, keep) + digits(random, 56 - keep);
            long sx = random.nextInt(3);
            long sy = random.nextInt(3);
            int mine = Integer.signum(new ExtendedSequenceNumber(x, sx).compareTo(new ExtendedSequenceNumber(y, sy)));
            int theirs = Integer.signum((int) compare.invoke(theirs(new Object[] {x, sx}), theirs(new Object[] {y, sy})));
            assertThat(mine).as("%s.%d vs %s.%d", x, sx, y, sy).isEqualTo(theirs);
        }
    }

    private static List<String> corpus() {
        List<String> corpus = new ArrayList<>(Stream.of(SentinelCheckpoint.values()).map(Enum::name).toList());
        corpus.addAll(List.of("0", "00", "7", "007", "70", "123", "0123", "124", "99", "100",
                "49590338271490256608559692538361571095921575989136588898",
                "49590338271490256608559692538361571095921575989136588899",
                "49590338271490256608559692540925702759324208523137515618",
                "049590338271490256608559692538361571095921575989136588898",
                "4959033827149025660855969253836157109592157598913658889",
                "", " 1", "1 ", "+1", "-1", "12a", "1.5", "shard_end", "LATEST ", "\u0661\u0662\u0663", "1\u0662"));
        corpus.add(null);
        return corpus;
    }

    private static String digits(Random random, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append((char) ('0' + random.nextInt(10)));
        }
        return b.toString();
    }

    private static Object mine(Object[] v) {
        return new ExtendedSequenceNumber((String) v[0], (Long) v[1]);
    }

    private static Object theirs(Object[] v) throws Exception {
        return original.getConstructor(String.class, Long.class).newInstance(v[0], v[1]);
    }

    private static Object call(Object target, String method) throws Exception {
        return outcome(() -> target.getClass().getMethod(method).invoke(target));
    }

    /** A value, or the exception's class and message: both copies must throw alike. */
    private static Object outcome(ThrowingSupplier supplier) {
        try {
            return supplier.get();
        } catch (InvocationTargetException e) {
            return e.getCause().getClass().getName() + ": " + e.getCause().getMessage();
        } catch (Exception e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    private interface ThrowingSupplier {
        Object get() throws Exception;
    }

    /** Public and protected constructors, methods and fields, as text with their types. */
    private static Set<String> api(Class<?> type) {
        Set<String> api = new TreeSet<>();
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            add(api, c, "<init>" + parameters(c));
        }
        for (Method m : type.getDeclaredMethods()) {
            if (!m.isSynthetic()) {
                add(api, m, m.getReturnType().getName() + " " + m.getName() + parameters(m));
            }
        }
        Arrays.stream(type.getDeclaredFields()).forEach(f -> add(api, f, f.getType().getName() + " " + f.getName()));
        return api;
    }

    private static void add(Set<String> api, Member member, String text) {
        int modifiers = member.getModifiers();
        if (Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers)) {
            api.add(Modifier.toString(modifiers) + " " + text);
        }
    }

    private static String parameters(Executable e) {
        return Arrays.toString(Arrays.stream(e.getParameterTypes()).map(Class::getName).map(Objects::toString).toArray());
    }
}
