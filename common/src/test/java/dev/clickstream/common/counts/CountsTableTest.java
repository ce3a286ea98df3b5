package dev.clickstream.common.counts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CountsTableTest {
    @Test
    void timestampsAreIsoUtcWithMillisAndRoundTrip() {
        Instant t = Instant.parse("2026-11-22T05:10:05.028Z");
        assertThat(CountsTable.formatTimestamp(t)).isEqualTo("2026-11-22T05:10:05.028Z");
        assertThat(CountsTable.formatTimestamp(Instant.parse("2026-11-22T05:10:05Z"))).isEqualTo("2026-11-22T05:10:05.000Z");
        assertThat(CountsTable.parseTimestamp("2026-11-22T05:10:05.028Z")).isEqualTo(t);
    }

    @Test
    void referrerCountsSortByCountThenReferrer() {
        List<ReferrerCount> counts = new ArrayList<>(List.of(
                new ReferrerCount("http://www.yahoo.com", 3), new ReferrerCount("http://www.amazon.com", 5),
                new ReferrerCount("http://reddit.com", 3)));
        counts.sort(ReferrerCount.BY_COUNT_DESCENDING);
        assertThat(counts).extracting(ReferrerCount::referrer)
                .containsExactly("http://www.amazon.com", "http://reddit.com", "http://www.yahoo.com");
    }

    @Test
    void referrerCountsJsonHasTheOriginalsShape() {
        String json = ReferrerCountsCodec.toJson(List.of(new ReferrerCount("http://www.amazon.com", 5)));
        assertThat(json).isEqualTo("[{\"referrer\":\"http://www.amazon.com\",\"count\":5}]");
        assertThat(ReferrerCountsCodec.fromJson(json)).containsExactly(new ReferrerCount("http://www.amazon.com", 5));
        assertThatThrownBy(() -> ReferrerCountsCodec.fromJson("{}")).isInstanceOf(IllegalArgumentException.class);
    }
}
