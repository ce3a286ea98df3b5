package dev.clickstream.counter.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.common.counts.ReferrerCount;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlidingWindowCounterTest {
    private static final Instant T0 = Instant.parse("2026-11-22T12:00:00.700Z");

    @Test
    void pairStaysForTheWholeWindowAndLeavesWhenItHasPassed() {
        SlidingWindowCounter counter = new SlidingWindowCounter(10, 50);
        assertThat(counter.add("r", "http://a", T0, T0)).isTrue();

        assertThat(counter.snapshot(T0).get("r")).containsExactly(new ReferrerCount("http://a", 1));
        assertThat(counter.snapshot(Instant.parse("2026-11-22T12:00:09.999Z")).get("r"))
                .containsExactly(new ReferrerCount("http://a", 1));
        assertThat(counter.snapshot(Instant.parse("2026-11-22T12:00:10.000Z"))).doesNotContainKey("r");
        assertThat(counter.bucketCount()).isZero();
    }

    @Test
    void countsSumOverBucketsAndOldBucketsDropOutOneByOne() {
        SlidingWindowCounter counter = new SlidingWindowCounter(3, 50);
        for (int s = 0; s < 5; s++) {
            Instant at = T0.plusSeconds(s);
            counter.add("r", "http://a", at, at);
        }
        // at T0+4 the window holds seconds 2, 3, 4
        assertThat(counter.snapshot(T0.plusSeconds(4)).get("r")).containsExactly(new ReferrerCount("http://a", 3));
        assertThat(counter.snapshot(T0.plusSeconds(6)).get("r")).containsExactly(new ReferrerCount("http://a", 1));
        assertThat(counter.bucketCount()).isEqualTo(1);
    }

    @Test
    void tooOldIsRejectedAndFutureCountsNow() {
        SlidingWindowCounter counter = new SlidingWindowCounter(10, 50);
        Instant now = T0.plusSeconds(100);
        assertThat(counter.add("r", "http://old", now.minusSeconds(10), now)).isFalse();
        assertThat(counter.add("r", "http://edge", now.minusSeconds(9), now)).isTrue();
        assertThat(counter.add("r", "http://future", now.plusSeconds(30), now)).isTrue();

        assertThat(counter.snapshot(now).get("r")).extracting(ReferrerCount::referrer)
                .containsExactly("http://edge", "http://future");
        // the future click was put in the current second, so it leaves with it
        assertThat(counter.snapshot(now.plusSeconds(10))).isEmpty();
    }

    @Test
    void sortedByCountDescendingAndTiesByReferrer() {
        assertThat(topAfter(50, new ReferrerCount("http://www.yahoo.com", 2), new ReferrerCount("http://www.amazon.com", 2),
                new ReferrerCount("http://reddit.com", 5), new ReferrerCount("http://www.google.com", 2)))
                .containsExactly(
                        new ReferrerCount("http://reddit.com", 5),
                        new ReferrerCount("http://www.amazon.com", 2),
                        new ReferrerCount("http://www.google.com", 2),
                        new ReferrerCount("http://www.yahoo.com", 2));
    }

    @Test
    void topNKeepsTheMostFrequentAndBreaksTiesDeterministically() {
        assertThat(topAfter(2, new ReferrerCount("http://c", 3), new ReferrerCount("http://b", 3),
                new ReferrerCount("http://a", 1), new ReferrerCount("http://d", 3)))
                .containsExactly(new ReferrerCount("http://b", 3), new ReferrerCount("http://c", 3));
    }

    @Test
    void resourcesAreCountedApart() {
        SlidingWindowCounter counter = new SlidingWindowCounter(10, 50);
        add(counter, "resource-0", "http://a", 2);
        add(counter, "resource-1", "http://a", 1);

        assertThat(counter.snapshot(T0)).containsOnlyKeys("resource-0", "resource-1");
        assertThat(counter.snapshot(T0).get("resource-1")).containsExactly(new ReferrerCount("http://a", 1));
    }

    /** The top list of one resource after the given clicks, added in this order, all at T0. */
    private static List<ReferrerCount> topAfter(int top, ReferrerCount... clicks) {
        SlidingWindowCounter counter = new SlidingWindowCounter(10, top);
        for (ReferrerCount click : clicks) {
            add(counter, "r", click.referrer(), (int) click.count());
        }
        return counter.snapshot(T0).get("r");
    }

    private static void add(SlidingWindowCounter counter, String resource, String referrer, int times) {
        for (int i = 0; i < times; i++) {
            counter.add(resource, referrer, T0, T0);
        }
    }
}
