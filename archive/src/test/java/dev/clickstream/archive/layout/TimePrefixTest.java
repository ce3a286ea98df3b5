package dev.clickstream.archive.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimePrefixTest {

    @Test
    void emptyPatternAddsNothing() {
        assertThat(TimePrefix.parse("")).isSameAs(TimePrefix.NONE);
        assertThat(TimePrefix.NONE.format(Instant.now())).isEmpty();
    }

    @Test
    void formatsInUtcNotTheLocalZone() {
        assertThat(TimePrefix.parse("yyyy/MM/dd/HH/").format(Instant.parse("2026-01-01T23:30:00Z")))
                .isEqualTo("2026/01/01/23/");
    }

    @Test
    void aMissingArrivalTimeGivesTheEpochRatherThanTheClock() {
        assertThat(TimePrefix.parse("yyyy/").format(null)).isEqualTo("1970/");
    }

    @Test
    void badPatternsAreRejectedWithTheRequirement() {
        assertThatThrownBy(() -> TimePrefix.parse("yyyy/MM/bb/")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("must be a java.time pattern");
        assertThatThrownBy(() -> TimePrefix.parse("yyyy/MM/dd")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ends with '/'");
        assertThatThrownBy(() -> TimePrefix.parse("/yyyy/")).isInstanceOf(IllegalArgumentException.class);
    }
}
