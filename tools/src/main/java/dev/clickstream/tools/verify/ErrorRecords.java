package dev.clickstream.tools.verify;

import dev.clickstream.tools.archive.ArchivedObject;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One shard's records under the error prefix: records the archiver read but could not make a row
 * of ({@code <errorPrefix><reason>/shardId/first-last}, newline-separated as they came). They are
 * accounted for, not lost. An error object names only its first and last record, so a record
 * missing from the rows is taken as one of its lines when an error object's range holds its
 * sequence number and that object has lines left; records are taken in sequence order, each from
 * the object whose range ends first (which matches as many as any assignment can). Not thread-safe.
 */
final class ErrorRecords {
    /** A shard with no error objects. */
    static final ErrorRecords NONE = new ErrorRecords("", List.of());

    private final String prefix;
    private final List<ArchivedObject> objects;
    private final long[] left;

    /** {@code objects}: the shard's objects under {@code prefix}, their lines counted (unreadable ones hold none). */
    ErrorRecords(String prefix, List<ArchivedObject> objects) {
        this.prefix = prefix;
        this.objects = new ArrayList<>(objects);
        this.objects.sort(Comparator.comparing(ArchivedObject::last));
        this.left = this.objects.stream().mapToLong(o -> Math.max(0, o.records())).toArray();
    }

    String prefix() {
        return prefix;
    }

    /** Lines under the error prefix for this shard. */
    long lines() {
        long n = 0;
        for (ArchivedObject o : objects) {
            n += Math.max(0, o.records());
        }
        return n;
    }

    /** Whether an error object reaches {@code sequence}: the batch that ended there ended in records that are no rows. */
    boolean reach(BigInteger sequence) {
        return objects.stream().anyMatch(o -> o.records() > 0 && o.last().compareTo(sequence) >= 0);
    }

    /** Whether an error object's range holds {@code sequence}. */
    boolean hold(BigInteger sequence) {
        return objects.stream().anyMatch(o -> o.records() > 0 && o.contains(sequence));
    }

    /** How many of {@code missing} records at {@code sequence} error objects hold; call in sequence order. */
    long account(BigInteger sequence, long missing) {
        long taken = 0;
        for (int i = 0; i < objects.size() && taken < missing; i++) {
            if (left[i] > 0 && objects.get(i).contains(sequence)) {
                long n = Math.min(left[i], missing - taken);
                left[i] -= n;
                taken += n;
            }
        }
        return taken;
    }
}
