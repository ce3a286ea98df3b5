package dev.clickstream.tools.verify;

import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One archive object as its key names it: {@code prefix[timePrefix]shardId/firstSeq-lastSeq[.gz]}
 * (the consumer's S3KeyNamer), and how many records (lines) its body holds once read.
 */
public record ArchivedObject(String key, String shardId, BigInteger first, BigInteger last, boolean gzip, long records) {
    // the time prefix ends with '/' (the consumer checks it), so the shard id is always the next-to-last segment
    private static final Pattern AFTER_PREFIX = Pattern.compile(
            "(?:.*/)?(?<shard>[^/]+)/(?<first>\\d+)-(?<last>\\d+)(?<gz>\\.gz)?");

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
        return Optional.of(new ArchivedObject(key, m.group("shard"), first, last, m.group("gz") != null, 0));
    }

    public ArchivedObject withRecords(long count) {
        return new ArchivedObject(key, shardId, first, last, gzip, count);
    }

    public boolean contains(BigInteger sequence) {
        return first.compareTo(sequence) <= 0 && sequence.compareTo(last) <= 0;
    }
}
