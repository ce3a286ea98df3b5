package dev.clickstream.archive.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One archive object's key, in parts:
 * {@code prefix [name=value/]… [time segments/] shardId/first-last[extension]}.
 *
 * <p>{@code first} and {@code last} are the sequence numbers of the object's first and last record;
 * a record of a KPL aggregate other than the aggregate's first user record adds {@code _sub} (its
 * sub-sequence number), so that two objects of one partition that each hold part of one aggregate
 * get different names (raw objects too: the original's names, which have no such part, let the
 * batches cut from one large aggregate overwrite each other). The extension is everything from the first '.' of the last segment
 * ({@code .gz}, {@code .parquet}, {@code .json.gz}, …). Time segments in Hive style
 * ({@code dt=2026-12-06/}) are partitions here too.
 *
 * @param prefix       {@code s3.prefix} (or the error prefix plus the reason), ending in '/' or empty
 * @param partitions   the {@code name=value} segments, values decoded
 * @param timeSegments the other segments between the prefix and the shard id (a non-Hive time prefix)
 */
public record ArchiveKey(String prefix, List<HivePartition> partitions, List<String> timeSegments, String shardId,
                         Position first, Position last, String extension) {

    /** Where a record is in its shard: sequence number and sub-sequence number (0 unless aggregated). */
    public record Position(String sequenceNumber, long subSequenceNumber) implements Comparable<Position> {
        private static final Pattern FORM = Pattern.compile("(\\d+)(?:_(\\d+))?");

        /** {@code seq}, or {@code seq_sub} when {@code withSub} and the sub-sequence number is not 0. */
        public String format(boolean withSub) {
            return withSub && subSequenceNumber != 0 ? sequenceNumber + "_" + subSequenceNumber : sequenceNumber;
        }

        static Optional<Position> parse(String text) {
            Matcher m = FORM.matcher(text);
            if (!m.matches()) {
                return Optional.empty();
            }
            return Optional.of(new Position(m.group(1), m.group(2) == null ? 0 : Long.parseLong(m.group(2))));
        }

        @Override
        public int compareTo(Position o) {
            int c = Integer.compare(sequenceNumber.length(), o.sequenceNumber.length());
            c = c != 0 ? c : sequenceNumber.compareTo(o.sequenceNumber);
            return c != 0 ? c : Long.compare(subSequenceNumber, o.subSequenceNumber);
        }
    }

    public ArchiveKey {
        partitions = List.copyOf(partitions);
        timeSegments = List.copyOf(timeSegments);
    }

    /** The key; {@code withSub} writes the sub-sequence parts (every fanned-out or Parquet object). */
    public String format(boolean withSub) {
        StringBuilder key = new StringBuilder(prefix);
        partitions.forEach(p -> key.append(p.segment()));
        timeSegments.forEach(s -> key.append(s).append('/'));
        return key.append(shardId).append('/').append(first.format(withSub)).append('-').append(last.format(withSub))
                .append(extension).toString();
    }

    /**
     * Reads a key back, given the prefix it was written under ({@code s3.prefix}, or for an error
     * object the error prefix plus {@code reason/}). Empty when the key is not an archive object's.
     */
    public static Optional<ArchiveKey> parse(String prefix, String key) {
        if (!key.startsWith(prefix)) {
            return Optional.empty();
        }
        String[] segments = key.substring(prefix.length()).split("/", -1);
        if (segments.length < 2 || segments[segments.length - 2].isEmpty()) {
            return Optional.empty();
        }
        String file = segments[segments.length - 1];
        int dot = file.indexOf('.');
        String range = dot < 0 ? file : file.substring(0, dot);
        int dash = range.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        Optional<Position> first = Position.parse(range.substring(0, dash));
        Optional<Position> last = Position.parse(range.substring(dash + 1));
        if (first.isEmpty() || last.isEmpty()) {
            return Optional.empty();
        }
        List<HivePartition> partitions = new ArrayList<>();
        List<String> time = new ArrayList<>();
        for (int i = 0; i < segments.length - 2; i++) {
            String s = segments[i];
            int eq = s.indexOf('=');
            if (s.isEmpty()) {
                return Optional.empty();
            } else if (eq > 0) {
                partitions.add(new HivePartition(s.substring(0, eq), HivePartition.unescape(s.substring(eq + 1))));
            } else {
                time.add(s);
            }
        }
        return Optional.of(new ArchiveKey(prefix, partitions, time, segments[segments.length - 2], first.get(),
                last.get(), dot < 0 ? "" : file.substring(dot)));
    }
}
