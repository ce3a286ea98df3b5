package dev.clickstream.tools.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeSegmentsTest {

    @Test
    void readsTheTimeFromTheLastSegmentsAfterAnyPartitions() {
        TimeSegments hourly = TimeSegments.parse("yyyy/MM/dd/HH/");
        assertThat(hourly.instantOf("2026/12/02/07/")).contains(Instant.parse("2026-12-02T07:00:00Z"));
        assertThat(hourly.instantOf("resource=%2Fhome/2026/12/02/07/")).contains(Instant.parse("2026-12-02T07:00:00Z"));
        TimeSegments hive = TimeSegments.parse("'dt='yyyy-MM-dd/'hour='HH/");
        assertThat(hive.instantOf("resource=x/dt=2026-12-02/hour=23/")).contains(Instant.parse("2026-12-02T23:00:00Z"));
        assertThat(TimeSegments.parse("yyyy-MM-dd/").instantOf("2026-12-02/")).contains(Instant.parse("2026-12-02T00:00:00Z"));
    }

    @Test
    void noPatternOrOtherSegmentsGiveNoTime() {
        assertThat(TimeSegments.NONE.instantOf("2026/12/02/07/")).isEmpty();
        assertThat(TimeSegments.parse("yyyy/MM/dd/HH/").instantOf("")).isEmpty();
        assertThat(TimeSegments.parse("yyyy/MM/dd/HH/").instantOf("a/b/c/d/")).isEmpty();
        assertThatThrownBy(() -> TimeSegments.parse("yyyy")).hasMessageContaining("ends with '/'");
    }

    @Test
    void refusesWhatTheArchiverRefuses() {
        assertThatThrownBy(() -> TimeSegments.parse("yyyy//MM/")).hasMessageContaining("has no '//'");
        assertThatThrownBy(() -> TimeSegments.parse("yyyy/bb/")).hasMessageStartingWith("must be a java.time pattern");
    }
}
