package dev.clickstream.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClickEventGeneratorTest {

    @Test
    void sameSeedGivesSameSequenceAndOtherSeedsDiffer() {
        assertThat(take(new ClickEventGenerator(2, 42), 200)).isEqualTo(take(new ClickEventGenerator(2, 42), 200));
        assertThat(take(new ClickEventGenerator(2, 42), 200)).isNotEqualTo(take(new ClickEventGenerator(2, 43), 200));
    }

    @Test
    void resourcesFollowTheShardCountAndReferrersAreTheOriginalSixWithBingFixed() {
        List<ClickEvent> events = take(new ClickEventGenerator(3, 1), 3_000);
        assertThat(events).extracting(ClickEvent::resource).containsOnly("resource-0", "resource-1", "resource-2");
        assertThat(events).extracting(ClickEvent::referrer).containsOnlyElementsOf(ClickEvent.REFERRERS)
                .contains("http://www.bing.com").doesNotContain("http://bing/com");
    }

    @Test
    void resourceAndReferrerArePickedUniformlyAndIndependently() {
        int n = 120_000;
        Map<ClickEvent, Integer> counts = new HashMap<>();
        take(new ClickEventGenerator(2, 7), n).forEach(e -> counts.merge(e, 1, Integer::sum));
        // 12 pairs, each expected n/12 = 10,000 times; a uniform independent pick stays within ±5%
        assertThat(counts).hasSize(12);
        assertThat(counts.values()).allSatisfy(c -> assertThat(c).isBetween(9_500, 10_500));
    }

    @Test
    void codesMapBackToTheirEvents() {
        ClickEventGenerator a = new ClickEventGenerator(4, 9);
        ClickEventGenerator b = new ClickEventGenerator(4, 9);
        for (int i = 0; i < 100; i++) {
            assertThat(ClickEventGenerator.event(a.nextCode())).isEqualTo(b.next());
        }
        assertThat(a.distinctEvents()).isEqualTo(24);
    }

    private static List<ClickEvent> take(ClickEventGenerator generator, int n) {
        List<ClickEvent> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(generator.next());
        }
        return out;
    }
}
