package dev.clickstream.common.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassArchiveTest {
    private static final byte[] COMPLETE = {(byte) 0xa8, (byte) 0xab, 0x0b, (byte) 0xf0, 1, 2, 3};
    private static final Duration LONG_ENOUGH = Duration.ofSeconds(6);

    @TempDir
    Path dir;

    private Path jar() throws Exception {
        Path jar = dir.resolve("app.jar");
        if (!Files.exists(jar)) {
            Files.write(jar, new byte[] {1});
        }
        return jar;
    }

    private ClassArchive archive(long pid) throws Exception {
        return ClassArchive.of(jar().toString(), List.of(), null, dir.resolve("cache"), "jdk-17", pid).orElseThrow();
    }

    @Test
    void theFirstRunWritesAnArchiveAtExitToAFileOfItsOwnAndLaterRunsMapIt() throws Exception {
        ClassArchive first = archive(41);
        Path pending = pending(first);
        assertThat(first.options()).contains("-XX:ArchiveClassesAtExit=" + pending).doesNotContain("-XX:SharedArchiveFile=" + first.archive());
        Files.write(pending, COMPLETE);
        first.publish(143, LONG_ENOUGH);
        assertThat(first.archive()).hasBinaryContent(COMPLETE);
        assertThat(pending).doesNotExist();
        assertThat(archive(42).options()).contains("-XX:SharedArchiveFile=" + first.archive())
                .contains("-Xlog:cds*=off");
    }

    @Test
    void anArchiveIsKeptOnlyFromACleanLongEnoughRunThatFinishedWritingIt() throws Exception {
        for (Object[] run : new Object[][] {{137, LONG_ENOUGH, COMPLETE}, {1, LONG_ENOUGH, COMPLETE},
                {0, Duration.ofSeconds(1), COMPLETE}, {0, LONG_ENOUGH, new byte[] {0, 0, 0, 0, 1}},
                {0, LONG_ENOUGH, new byte[0]}}) {
            ClassArchive a = archive(7);
            Files.write(pending(a), (byte[]) run[2]);
            a.publish((int) run[0], (Duration) run[1]);
            assertThat(a.archive()).as("exit %s after %s", run[0], run[1]).doesNotExist();
            assertThat(pending(a)).doesNotExist();
        }
        ClassArchive a = archive(7);
        Files.write(pending(a), COMPLETE);
        a.publish(0, LONG_ENOUGH);
        assertThat(a.archive()).exists();
    }

    @Test
    void aRebuiltJarGetsANewArchiveAndTheOldOneOfThatPathIsDeleted() throws Exception {
        ClassArchive old = archive(1);
        Files.write(pending(old), COMPLETE);
        old.publish(0, LONG_ENOUGH);
        Path unrelated = Files.write(dir.resolve("cache").resolve("other-1234abcd.jsa"), COMPLETE);
        Path elsewhere = dir.resolve("elsewhere");
        Files.createDirectories(elsewhere);
        Files.write(elsewhere.resolve("app.jar"), new byte[] {1});
        ClassArchive otherCheckout = ClassArchive.of(elsewhere.resolve("app.jar").toString(), List.of(), null,
                dir.resolve("cache"), "jdk-17", 3).orElseThrow();
        Files.write(pending(otherCheckout), COMPLETE);
        otherCheckout.publish(0, LONG_ENOUGH);

        Files.setLastModifiedTime(jar(), FileTime.fromMillis(Files.getLastModifiedTime(jar()).toMillis() + 5_000));
        ClassArchive rebuilt = archive(2);
        assertThat(rebuilt.archive()).isNotEqualTo(old.archive());
        assertThat(rebuilt.options()).anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit="));
        Files.write(pending(rebuilt), COMPLETE);
        rebuilt.publish(0, LONG_ENOUGH);
        assertThat(old.archive()).doesNotExist();
        assertThat(rebuilt.archive()).exists();
        assertThat(unrelated).exists();
        assertThat(otherCheckout.archive()).as("the same jar name at another path keeps its archive").exists();
    }

    @Test
    void noArchiveForAClassPathOfSeveralEntriesTheUsersCdsOptionsOrWhenTurnedOff() throws Exception {
        Path cache = dir.resolve("cache");
        assertThat(ClassArchive.of(jar() + ":" + jar(), List.of(), null, cache, "j", 1)).isEmpty();
        assertThat(ClassArchive.of(dir.toString(), List.of(), null, cache, "j", 1)).isEmpty();
        assertThat(ClassArchive.of(jar().toString(), List.of(), "off", cache, "j", 1)).isEmpty();
        for (String option : List.of("-Xshare:off", "-XX:SharedArchiveFile=x.jsa", "-XX:ArchiveClassesAtExit=y.jsa")) {
            assertThat(ClassArchive.of(jar().toString(), List.of(option), null, cache, "j", 1)).as(option).isEmpty();
        }
        assertThat(ClassArchive.of(dir.resolve("missing.jar").toString(), List.of(), null, cache, "j", 1)).isEmpty();
        Path file = Files.write(dir.resolve("a-file"), new byte[0]);
        assertThat(ClassArchive.of(jar().toString(), List.of(), null, file.resolve("cache"), "j", 1)).isEmpty();
    }

    private static Path pending(ClassArchive archive) {
        return archive.options().stream().filter(o -> o.startsWith("-XX:ArchiveClassesAtExit=")).findFirst()
                .map(o -> Path.of(o.substring(o.indexOf('=') + 1)))
                .orElse(archive.archive().resolveSibling(archive.archive().getFileName() + ".none"));
    }
}
