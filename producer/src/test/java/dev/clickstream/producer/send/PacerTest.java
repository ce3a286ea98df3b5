package dev.clickstream.producer.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
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
    void zeroRateNeverWaits() throws InterruptedException {
        Pacer unlimited = Pacer.perSecond(0);
        long before = System.nanoTime();
        for (int i = 0; i < 1_000; i++) {
            unlimited.awaitNext();
        }
        assertThat(unlimited).isSameAs(Pacer.UNLIMITED);
        assertThat(System.nanoTime() - before).isLessThan(1_000_000_000L);
    }
}
