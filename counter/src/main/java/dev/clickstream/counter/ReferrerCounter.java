package dev.clickstream.counter;

import dev.clickstream.common.config.ConfigDef;
import dev.clickstream.common.config.ConfigKey;
import dev.clickstream.common.counts.CountsTable;
import dev.clickstream.common.net.HostNames;
import java.time.Duration;

/**
 * The referrer counter's configuration keys: a KCL record processor that keeps sliding-window
 * counts of (resource, referrer) pairs and writes one item per resource to the counts table every
 * interval. The application that hosts it (consumer.jar with {@code processor = referrer-counter})
 * adds {@link #keys()} to its own, reads them with {@link CounterSettings#from} and hands the KCL
 * a {@link dev.clickstream.counter.kcl.CountingProcessorFactory}.
 */
public final class ReferrerCounter {
    public static final ConfigKey<String> COUNTS_TABLE = CountsTable.NAME_KEY;
    public static final ConfigKey<Duration> COUNTS_WINDOW = ConfigKey.duration("countsWindow", Duration.ofSeconds(10))
            .check(d -> d.toMillis() % 1000 == 0 && d.toSeconds() >= 1 && d.toSeconds() <= 3600,
                    "be a whole number of seconds from 1s to 1h")
            .doc("Sliding window the counts cover, made of 1 s buckets.");
    public static final ConfigKey<Duration> COUNTS_INTERVAL = ConfigKey.duration("countsInterval", Duration.ofSeconds(1))
            .check(d -> d.toMillis() >= 100 && d.toMillis() <= 3_600_000, "be from 100ms to 1h")
            .doc("How often one item per resource is written.");
    public static final ConfigKey<Duration> COUNTS_TTL = ConfigKey.duration("countsTtl", Duration.ofDays(1))
            .check(d -> d.toSeconds() >= 1, "be at least 1s")
            .doc("How long DynamoDB keeps a counts item before its TTL deletes it.");
    public static final ConfigKey<String> COUNTS_HOST = ConfigKey.string("countsHost", HostNames.local())
            .doc("Written as 'host' on every item (the dashboard shows it).");
    public static final ConfigKey<Integer> COUNTS_TOP_N = ConfigKey.integer("countsTopN", 50)
            .check(n -> n >= 1 && n <= 1000, "be from 1 to 1000")
            .doc("At most this many referrers per item, the most frequent first.");
    public static final ConfigKey<Duration> COUNTER_CHECKPOINT_INTERVAL =
            ConfigKey.duration("counterCheckpointInterval", Duration.ofSeconds(60))
                    .doc("At most one checkpoint per shard this often, and only past records whose counts are written (0: after every write).");
    public static final ConfigKey<Boolean> CREATE_COUNTS_TABLE = ConfigKey.bool("createCountsTableIfNotPresent", true)
            .doc("Create the counts table (on-demand, with TTL) when it is missing.");

    private static final ConfigDef KEYS = ConfigDef.of(COUNTS_TABLE, COUNTS_WINDOW, COUNTS_INTERVAL, COUNTS_TTL,
            COUNTS_HOST, COUNTS_TOP_N, COUNTER_CHECKPOINT_INTERVAL, CREATE_COUNTS_TABLE);

    private ReferrerCounter() {}

    /** The counter's own keys, to add to the hosting application's definition. */
    public static ConfigDef keys() {
        return KEYS;
    }
}
