package dev.clickstream.tools.archive;

import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One archive object as its key names it: {@code prefix[partitions][timePrefix]shardId/firstSeq-lastSeq[.ext]}
 * (the consumer's S3KeyNamer), and how many records its body holds once read. Whatever lies
 * between the prefix and the shard id (Hive-style {@code field=value/} partition segments, the
 * time prefix) is kept as {@link #directory()}; the extension says how the body is encoded.
 */
public record ArchivedObject(String key, String shardId, BigInteger first, BigInteger last, Encoding encoding,
                             String directory, long records, long firstSub, long lastSub) {

    /** The sub-sequence number of a key that names none (raw objects keep the original names). */
    public static final long UNNAMED = -1;

    public ArchivedObject(String key, String shardId, BigInteger first, BigInteger last, Encoding encoding,
                          String directory, long records) {
        this(key, shardId, first, last, encoding, directory, records, UNNAMED, UNNAMED);
    }

    /** How a body is stored, told by the key's extension. */
    public enum Encoding {
        PLAIN, GZIP, PARQUET;

        static Encoding of(String extension) {
            if (extension.endsWith(".parquet")) {
                return PARQUET;
            }
            return extension.endsWith(".gz") ? GZIP : PLAIN;
        }
    }

    // the time prefix and partition segments end with '/', so the shard id is always the next-to-last segment;
    // a position is seq or seq_sub (the sub-sequence number, named where an aggregate is split between
    // objects); an optional file extension (.json, .gz, .json.gz, .parquet) follows the range
    private static final Pattern AFTER_PREFIX = Pattern.compile("(?:(?<dir>.*)/)?(?<shard>[^/]+)/"
            + "(?<first>\\d+)(?:_(?<firstSub>\\d+))?-(?<last>\\d+)(?:_(?<lastSub>\\d+))?(?<ext>(?:\\.[A-Za-z0-9]+)*)");

    /** The object a key names, with no records counted yet; empty for a key the archiver would not write. */
    public static Optional<ArchivedObject> parse(String key, String prefix) {
        if (!key.startsWith(prefix)) {
            return Optional.empty();
        }
        Matcher m = AFTER_PREFIX.matcher(key.substring(prefix.length()));
        if (!m.matches()) {
            return Optional.empty();
        }
        BigInteger first = new BigInteger(m.group("first"));
        BigInteger last = new BigInteger(m.group("last"));
        if (first.compareTo(last) > 0) {
            return Optional.empty();
        }
        String dir = m.group("dir") == null ? "" : m.group("dir") + "/";
        return Optional.of(new ArchivedObject(key, m.group("shard"), first, last, Encoding.of(m.group("ext")), dir, 0,
                sub(m.group("firstSub")), sub(m.group("lastSub"))));
    }

    private static long sub(String text) {
        return text == null ? UNNAMED : Long.parseLong(text);
    }

    public ArchivedObject withRecords(long count) {
        return new ArchivedObject(key, shardId, first, last, encoding, directory, count, firstSub, lastSub);
    }

    public boolean gzip() {
        return encoding == Encoding.GZIP;
    }

    public boolean contains(BigInteger sequence) {
        return first.compareTo(sequence) <= 0 && sequence.compareTo(last) <= 0;
    }
}
