package dev.clickstream.common.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The rate is the counted number's change over the time between two lines, read from a fake clock. */
class PeriodicStatusTest {
    private final AtomicLong nanos = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final List<String> printed = new ArrayList<>();

    private PeriodicStatus<Long> status() {
        return new PeriodicStatus<>(records::get, n -> n, (n, rate) -> n + " records, " + rate + "/s", printed::add,
                nanos::get);
    }

    @Test
    void eachLineHasTheRateSinceThePreviousOne() {
        try (PeriodicStatus<Long> status = status()) {
            records.set(500);
            nanos.set(2_000_000_000L);
            assertThat(status.line()).isEqualTo("500 records, 250/s");
            records.set(800);
            nanos.addAndGet(500_000_000L);
            assertThat(status.line()).isEqualTo("800 records, 600/s");
            assertThat(status.line()).as("no time passed").isEqualTo("800 records, 0/s");
        }
    }

    @Test
    void nothingIsPrintedAfterClose() {
        PeriodicStatus<Long> status = status();
        status.print();
        status.close();
        status.print();
        assertThat(printed).containsExactly("0 records, 0/s");
    }
}
