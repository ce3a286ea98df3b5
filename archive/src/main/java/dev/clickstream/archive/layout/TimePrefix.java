package dev.clickstream.archive.layout;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * The {@code s3.timePrefix} part of a key: a {@code java.time} pattern formatted in UTC from the
 * arrival time of a batch's first record. The record's time, not the clock, so a batch read
 * again after a crash lands under the same key. {@link #NONE} (the empty pattern) adds nothing.
 */
public final class TimePrefix {
    public static final TimePrefix NONE = new TimePrefix("", null);

    private final String pattern;
    private final DateTimeFormatter formatter;

    private TimePrefix(String pattern, DateTimeFormatter formatter) {
        this.pattern = pattern;
        this.formatter = formatter;
    }

    /**
     * Parses a pattern such as {@code yyyy/MM/dd/HH/}. The text it gives must end with '/' so
     * the shard id stays a path segment of its own (readers such as verify-archive rely on it).
     *
     * @throws IllegalArgumentException with a message completing "s3.timePrefix ..."
     */
    public static TimePrefix parse(String pattern) {
        if (pattern.isEmpty()) {
            return NONE;
        }
        DateTimeFormatter formatter;
        String sample;
        try {
            formatter = DateTimeFormatter.ofPattern(pattern).withZone(ZoneOffset.UTC);
            sample = formatter.format(Instant.EPOCH);
        } catch (RuntimeException e) {
            // IllegalArgumentException for a bad letter, DateTimeException for a field an instant lacks
            throw new IllegalArgumentException("must be a java.time pattern such as yyyy/MM/dd/HH/ (" + e.getMessage() + ")");
        }
        if (!sample.endsWith("/") || sample.startsWith("/") || sample.contains("//")) {
            throw new IllegalArgumentException("must give text that ends with '/', does not start with it and has no '//', "
                    + "such as yyyy/MM/dd/HH/ (gives '" + sample + "' for 1970-01-01T00:00Z)");
        }
        return new TimePrefix(pattern, formatter);
    }

    /** The prefix for a batch whose first record arrived at {@code arrival}; "" when off. */
    public String format(Instant arrival) {
        if (formatter == null) {
            return "";
        }
        // every record read from Kinesis has an arrival time; the epoch keeps keys deterministic if one does not
        return formatter.format(Objects.requireNonNullElse(arrival, Instant.EPOCH));
    }

    public boolean isNone() {
        return formatter == null;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
