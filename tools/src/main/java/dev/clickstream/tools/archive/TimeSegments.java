package dev.clickstream.tools.archive;

import dev.clickstream.archive.layout.TimePrefix;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Optional;

/**
 * The archiver's {@code s3.timePrefix} read backwards: the last segments of an object's directory
 * (after any partition segments) name the UTC time of the object's first record, at the
 * pattern's resolution. {@code yyyy/MM/dd/HH/} and Hive-style {@code 'dt='yyyy-MM-dd/'hour='HH/}
 * alike.
 */
public final class TimeSegments {
    public static final TimeSegments NONE = new TimeSegments("", null, 0);

    private final String pattern;
    private final DateTimeFormatter parser;
    private final int segments;

    private TimeSegments(String pattern, DateTimeFormatter parser, int segments) {
        this.pattern = pattern;
        this.parser = parser;
        this.segments = segments;
    }

    /**
     * Checked as the archiver checks it ({@link TimePrefix#parse}), so a pattern the archiver
     * refuses is refused here with the same words.
     *
     * @throws IllegalArgumentException with a message completing "s3.timePrefix ..."
     */
    public static TimeSegments parse(String pattern) {
        TimePrefix prefix = TimePrefix.parse(pattern);
        if (prefix.isNone()) {
            return NONE;
        }
        DateTimeFormatter parser = new DateTimeFormatterBuilder().appendPattern(pattern)
                .parseDefaulting(ChronoField.MONTH_OF_YEAR, 1)
                .parseDefaulting(ChronoField.DAY_OF_MONTH, 1)
                .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
                .parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
                .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0)
                .toFormatter();
        String sample = prefix.format(Instant.EPOCH);
        return new TimeSegments(pattern, parser, (int) sample.chars().filter(c -> c == '/').count());
    }

    /** The time an object's directory names; empty without a pattern or when the segments do not parse. */
    public Optional<Instant> instantOf(String directory) {
        if (parser == null) {
            return Optional.empty();
        }
        // the tail is the last `segments` segments, each ending with '/'; partition segments come before it
        int begin = 0;
        int seen = 0;
        for (int i = directory.length() - 2; i >= 0; i--) {
            if (directory.charAt(i) == '/' && ++seen == segments) {
                begin = i + 1;
                break;
            }
        }
        String tail = directory.substring(begin);
        try {
            return Optional.of(LocalDateTime.parse(tail, parser).toInstant(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    public boolean isNone() {
        return parser == null;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
