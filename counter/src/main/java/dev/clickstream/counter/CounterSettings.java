package dev.clickstream.counter;

import dev.clickstream.common.config.ConfigValues;
import java.time.Duration;
import java.util.Map;

/**
 * The counter's own settings, typed and checked, built once at start-up.
 *
 * @param table                   the counts table
 * @param window                  the sliding window, whole seconds (made of 1 s buckets)
 * @param interval                how often one item per resource is written
 * @param ttl                     how long DynamoDB keeps an item (TTL attribute {@code expiresAt})
 * @param host                    written as {@code host} on every item
 * @param topN                    at most this many referrers per item
 * @param checkpointInterval      at most one checkpoint per shard this often (0: after every write)
 * @param createTableIfNotPresent create the table when it is missing
 */
public record CounterSettings(String table, Duration window, Duration interval, Duration ttl, String host,
                              int topN, Duration checkpointInterval, boolean createTableIfNotPresent) {

    /** Built only from values its keys have checked ({@link ReferrerCounter#keys()}). */
    public static CounterSettings from(ConfigValues values) {
        return new CounterSettings(
                values.get(ReferrerCounter.COUNTS_TABLE),
                values.get(ReferrerCounter.COUNTS_WINDOW),
                values.get(ReferrerCounter.COUNTS_INTERVAL),
                values.get(ReferrerCounter.COUNTS_TTL),
                values.get(ReferrerCounter.COUNTS_HOST),
                values.get(ReferrerCounter.COUNTS_TOP_N),
                values.get(ReferrerCounter.COUNTER_CHECKPOINT_INTERVAL),
                values.get(ReferrerCounter.CREATE_COUNTS_TABLE));
    }

    /**
     * The defaults with some keys set as a properties file would set them, e.g.
     * {@code Map.of("countsTable", "t", "countsWindow", "2m")}; for tests and tools.
     */
    public static CounterSettings of(Map<String, String> values) {
        return from(ReferrerCounter.keys().parse(values));
    }

    public int windowSeconds() {
        return (int) window.toSeconds();
    }
}
