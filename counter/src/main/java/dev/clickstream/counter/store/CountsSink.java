package dev.clickstream.counter.store;

import dev.clickstream.common.counts.ReferrerCount;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Where one interval's counts go: one item per resource, all with the same timestamp. */
public interface CountsSink {
    /** Completes when every item is stored; completes exceptionally when any could not be. */
    CompletableFuture<Void> write(Instant timestamp, Map<String, List<ReferrerCount>> countsByResource);
}
