package dev.clickstream.counter.store;

import dev.clickstream.common.counts.ReferrerCount;
import dev.clickstream.common.counts.ReferrerCountsCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Keeps a counts item under DynamoDB's 400 KB item limit: when the referrer counts would not fit,
 * the least frequent referrers are left out (the list is sorted by count, most frequent first).
 */
final class ItemBudget {
    /** DynamoDB's limit, 400 KB, counting attribute names and values. */
    static final int MAX_ITEM_BYTES = 400 * 1024;
    /** Room kept for the other attributes, their names and the size rules' rounding. */
    static final int RESERVED_BYTES = 8 * 1024;

    /** The JSON to store and how many referrers it leaves out. */
    record Fitted(String json, int dropped) {}

    private ItemBudget() {}

    /** @param otherBytes the item's size without the referrer counts' value */
    static Fitted fit(List<ReferrerCount> counts, int otherBytes) {
        int budget = MAX_ITEM_BYTES - RESERVED_BYTES - otherBytes;
        String all = ReferrerCountsCodec.toJson(counts);
        if (utf8Length(all) <= budget) {
            return new Fitted(all, 0);
        }
        // the largest prefix that fits, by bisection: the JSON grows with every referrer kept
        int lo = 0;
        int hi = counts.size() - 1;
        String best = ReferrerCountsCodec.toJson(List.of());
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            String json = ReferrerCountsCodec.toJson(counts.subList(0, mid));
            if (utf8Length(json) <= budget) {
                lo = mid;
                best = json;
            } else {
                hi = mid - 1;
            }
        }
        return new Fitted(best, counts.size() - lo);
    }

    static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
