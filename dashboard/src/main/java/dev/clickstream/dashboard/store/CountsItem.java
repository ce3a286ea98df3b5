package dev.clickstream.dashboard.store;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.clickstream.common.counts.ReferrerCount;
import java.util.List;

/** One counts item as GetCounts returns it: the original's contract, timestamp in epoch milliseconds. */
@JsonPropertyOrder({"resource", "timestamp", "host", "referrerCounts"})
public record CountsItem(String resource, long timestamp, String host, List<ReferrerCount> referrerCounts) {}
