package dev.clickstream.counter.store;

import java.util.Map;

/**
 * What one interval's write did, item by item: how many items were stored, which resources'
 * items failed and why, and how many referrers were left out of items to keep them under
 * DynamoDB's item size limit.
 */
public record WriteResult(int written, Map<String, Throwable> failed, int referrersDropped) {
    public WriteResult {
        failed = Map.copyOf(failed);
    }

    public static WriteResult allWritten(int items) {
        return new WriteResult(items, Map.of(), 0);
    }
}
