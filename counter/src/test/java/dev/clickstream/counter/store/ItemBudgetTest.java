package dev.clickstream.counter.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.common.counts.ReferrerCount;
import dev.clickstream.common.counts.ReferrerCountsCodec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ItemBudgetTest {
    @Test
    void aListThatFitsIsKeptWhole() {
        List<ReferrerCount> counts = List.of(new ReferrerCount("a", 2), new ReferrerCount("b", 1));
        ItemBudget.Fitted fitted = ItemBudget.fit(counts, 100);
        assertThat(fitted.dropped()).isZero();
        assertThat(ReferrerCountsCodec.fromJson(fitted.json())).isEqualTo(counts);
    }

    @Test
    void theLeastFrequentReferrersAreLeftOutUntilTheItemFits() {
        List<ReferrerCount> counts = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            counts.add(new ReferrerCount("r" + i + "-" + "x".repeat(1000), 1000 - i));
        }
        ItemBudget.Fitted fitted = ItemBudget.fit(counts, 200);
        int size = ItemBudget.utf8Length(fitted.json());
        assertThat(size + 200).isLessThanOrEqualTo(ItemBudget.MAX_ITEM_BYTES - ItemBudget.RESERVED_BYTES);
        List<ReferrerCount> kept = ReferrerCountsCodec.fromJson(fitted.json());
        assertThat(kept).isEqualTo(counts.subList(0, kept.size()));
        assertThat(fitted.dropped()).isEqualTo(600 - kept.size()).isPositive();
        // one more would not have fitted
        String oneMore = ReferrerCountsCodec.toJson(counts.subList(0, kept.size() + 1));
        assertThat(ItemBudget.utf8Length(oneMore) + 200).isGreaterThan(ItemBudget.MAX_ITEM_BYTES - ItemBudget.RESERVED_BYTES);
    }
}
