package dev.clickstream.counter.store;

import dev.clickstream.common.counts.ReferrerCount;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Where one interval's counts go: one item per resource, all with the same timestamp. */
public interface CountsSink {
    /**
     * Completes once every item is stored or has failed, with the outcome per item; completes
     * exceptionally only when the write as a whole could not be attempted.
     */
    CompletableFuture<WriteResult> write(Instant timestamp, Map<String, List<ReferrerCount>> countsByResource);
}
