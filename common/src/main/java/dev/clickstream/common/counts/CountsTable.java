package dev.clickstream.common.counts;

import dev.clickstream.common.aws.AwsNames;
import dev.clickstream.common.config.ConfigKey;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The referrer-counts table shared by the counter (writes), the dashboard (reads) and the
 * clean-up command (deletes): names, key schema and the timestamp format, as in the original
 * data visualization sample.
 */
public final class CountsTable {
    public static final String DEFAULT_NAME = "KinesisDataVisSample-HttpReferrerPairsCounter-Counts";

    /** Hash key, S: the resource the counts are for. */
    public static final String RESOURCE = "resource";
    /** Range key, S: when the counts were taken, ISO-8601 UTC with milliseconds. */
    public static final String TIMESTAMP = "timestamp";
    /** S: the host of the counter that wrote the item. */
    public static final String HOST = "host";
    /** S: JSON list {@code [{"referrer":…,"count":N}, …]}, by count descending, ties by referrer. */
    public static final String REFERRER_COUNTS = "referrerCounts";
    /** N: epoch seconds after which DynamoDB's TTL deletes the item. */
    public static final String EXPIRES_AT = "expiresAt";

    private static final DateTimeFormatter TIMESTAMP_FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** The {@code countsTable} key the counter and the dashboard share, so they always agree on the table. */
    public static final ConfigKey<String> NAME_KEY = ConfigKey.string("countsTable", DEFAULT_NAME)
            .check(AwsNames::isTableName, AwsNames.TABLE_RULE)
            .doc("DynamoDB table of the referrer counts: the counter writes it, the dashboard reads it.");

    private CountsTable() {}

    /** {@code 2026-11-22T05:10:05.028Z}: sorts as text in time order, as the range key must. */
    public static String formatTimestamp(Instant instant) {
        return TIMESTAMP_FORMAT.format(instant);
    }

    public static Instant parseTimestamp(String text) {
        return Instant.from(TIMESTAMP_FORMAT.parse(text));
    }
}
