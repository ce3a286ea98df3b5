package dev.clickstream.common.counts;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Comparator;

/** How many requests came from one referrer over the window. */
@JsonPropertyOrder({"referrer", "count"})
public record ReferrerCount(String referrer, long count) {
    /** Count descending, then referrer ascending, so ties always come out in the same order. */
    public static final Comparator<ReferrerCount> BY_COUNT_DESCENDING =
            Comparator.comparingLong(ReferrerCount::count).reversed().thenComparing(ReferrerCount::referrer);
}
