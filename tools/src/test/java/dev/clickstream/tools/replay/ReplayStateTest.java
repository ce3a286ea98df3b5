package dev.clickstream.tools.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clickstream.common.cli.CliException;
import dev.clickstream.tools.replay.ReplayState.Segment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayStateTest {
    @TempDir
    Path dir;

    @Test
    void aResumeSkipsWhatWasAcknowledgedAndCountsTheCallInFlight() {
        Path file = dir.resolve("s.state");
        try (ReplayState state = ReplayState.create(file, "sel")) {
            List<Segment> first = List.of(new Segment("a/1-2", 0, 300, true), new Segment("b key/3-4", 0, 200, false));
            state.acked(state.sending(first, 500), first);
            state.sending(List.of(new Segment("b key/3-4", 200, 500, false)), 300);
        }
        ReplayState.Resumed resumed = ReplayState.resume(file, "sel");
        resumed.state().close();
        assertThat(resumed.progress().done()).containsExactly("a/1-2");
        assertThat(resumed.progress().acknowledged("b key/3-4")).isEqualTo(200);
        assertThat(resumed.progress().acknowledged("c/5-6")).isZero();
        assertThat(resumed.progress().inFlightRecords()).isEqualTo(300);
        assertThat(resumed.progress().complete()).isFalse();
    }

    @Test
    void aLineTornByACrashIsIgnoredAndTheNextLineStartsAfreshLine() throws Exception {
        Path file = dir.resolve("s.state");
        try (ReplayState state = ReplayState.create(file, "sel")) {
            List<Segment> one = List.of(new Segment("a/1-2", 0, 10, false));
            state.acked(state.sending(one, 10), one);
        }
        Files.writeString(file, Files.readString(file) + "sending\t2\t10\ta%2F1-2:10:", java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
        ReplayState.Resumed resumed = ReplayState.resume(file, "sel");
        resumed.state().complete();
        resumed.state().close();
        assertThat(resumed.progress().acknowledged("a/1-2")).isEqualTo(10);
        assertThat(resumed.progress().inFlightRecords()).isZero();
        assertThat(Files.readAllLines(file)).contains("resumed", "complete");
        assertThat(ReplayState.parse(Files.readAllLines(file)).complete()).isTrue();
    }

    @Test
    void anExistingFileNeedsResumeAndAResumeNeedsTheSameSelection() {
        Path file = dir.resolve("s.state");
        ReplayState.create(file, "sel").close();
        assertThatThrownBy(() -> ReplayState.create(file, "sel")).isInstanceOf(CliException.class)
                .hasMessageContaining("add --resume");
        assertThatThrownBy(() -> ReplayState.resume(file, "other")).isInstanceOf(CliException.class)
                .hasMessageContaining("is of another replay (sel)");
        assertThatThrownBy(() -> ReplayState.resume(dir.resolve("none"), "sel")).isInstanceOf(CliException.class)
                .hasMessageContaining("no state file");
    }
}
