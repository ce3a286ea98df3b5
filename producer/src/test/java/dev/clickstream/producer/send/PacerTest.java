package dev.clickstream.producer.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PacerTest {
    private long now = 1_000_000_000L;
    private final List<Long> callTimes = new ArrayList<>();
    private final Pacer pacer = new Pacer(100, () -> now, nanos -> now += nanos);

    @Test
    void callsAreEvenlySpaced() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            pacer.awaitNext();
            callTimes.add(now);
        }
        assertThat(callTimes).containsExactly(now - 400, now - 300, now - 200, now - 100, now);
    }

    @Test
    void aShortDelayIsMadeUpButALongStallCausesNoBurst() throws InterruptedException {
        pacer.awaitNext();
        long start = now;
        now += 150; // the caller was held up for 1.5 intervals
        pacer.awaitNext(); // due at start+100: late by less than one interval, goes at once
        assertThat(now).isEqualTo(start + 150);
        pacer.awaitNext(); // due at start+200
        assertThat(now).isEqualTo(start + 200);
        now += 1_000; // a long stall
        long afterStall = now;
        pacer.awaitNext();
        pacer.awaitNext();
        assertThat(now).isEqualTo(afterStall + 100);
    }

    @Test
    void tenPerSecondGivesTenCallsInEverySecondOfFakeTime() throws InterruptedException {
        Pacer tenPerSecond = new Pacer(TimeUnit.SECONDS.toNanos(1) / 10, () -> now, nanos -> now += nanos);
        long start = now;
        Map<Long, Integer> callsPerSecond = new TreeMap<>();
        for (int call = 0; call < 30; call++) {
            tenPerSecond.awaitNext();
            callsPerSecond.merge((now - start) / TimeUnit.SECONDS.toNanos(1), 1, Integer::sum);
            now += 1_000_000; // each call takes 1 ms of the interval
        }
        assertThat(callsPerSecond).containsExactly(entry(0L, 10), entry(1L, 10), entry(2L, 10));
    }

    @Test
    void zeroRateIsUnlimitedAndNeverSleeps() throws InterruptedException {
        assertThat(Pacer.perSecond(0)).isSameAs(Pacer.UNLIMITED);
        Pacer unlimited = new Pacer(0, () -> now, nanos -> {
            throw new AssertionError("slept " + nanos + " ns");
        });
        for (int i = 0; i < 1_000; i++) {
            unlimited.awaitNext();
            now += 1;
        }
    }
}
