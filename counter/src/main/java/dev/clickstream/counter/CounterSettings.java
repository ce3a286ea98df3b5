package dev.clickstream.counter;

import dev.clickstream.common.config.ConfigValues;
import java.time.Duration;
import java.util.Objects;

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

    public CounterSettings {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        if (window.toMillis() % 1000 != 0 || window.toSeconds() < 1) {
            throw new IllegalArgumentException("window must be a whole number of seconds");
        }
        if (interval.isZero() || interval.isNegative() || topN < 1) {
            throw new IllegalArgumentException("interval must be positive and topN at least 1");
        }
    }

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

    /** The defaults, with another table name; handy for tests and tools. */
    public static CounterSettings defaults(String table) {
        return from(ReferrerCounter.keys().parse(java.util.Map.of(ReferrerCounter.COUNTS_TABLE.name(), table)));
    }

    public int windowSeconds() {
        return (int) window.toSeconds();
    }

    public CounterSettings withWindow(Duration newWindow) {
        return new CounterSettings(table, newWindow, interval, ttl, host, topN, checkpointInterval, createTableIfNotPresent);
    }

    public CounterSettings withInterval(Duration newInterval) {
        return new CounterSettings(table, window, newInterval, ttl, host, topN, checkpointInterval, createTableIfNotPresent);
    }

    public CounterSettings withCheckpointInterval(Duration newInterval) {
        return new CounterSettings(table, window, interval, ttl, host, topN, newInterval, createTableIfNotPresent);
    }

    public CounterSettings withHost(String newHost) {
        return new CounterSettings(table, window, interval, ttl, newHost, topN, checkpointInterval, createTableIfNotPresent);
    }
}
