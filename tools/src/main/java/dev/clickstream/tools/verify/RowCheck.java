package dev.clickstream.tools.verify;

import dev.clickstream.tools.archive.ArchivedObject;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks one shard of an archive whose rows name themselves (Parquet): over the union of the
 * shard's rows, not over a chain of key ranges. A partitioned archive fans one batch out into one
 * object per partition, all over the same sequence range, so ranges overlap in a healthy archive;
 * a row's (sequence number, sub-sequence number) is what tells a record archived twice.
 * <ul>
 *   <li>duplicates: rows whose identity occurs more than once, exact without the stream;</li>
 *   <li>the checkpoint is covered when rows reach it (the archiver checkpoints a batch's last
 *       record after all of the batch's objects are uploaded);</li>
 *   <li>lost (stream only): user records up to the checkpoint that no row holds.</li>
 * </ul>
 */
final class RowCheck {
    /** A row's identity. */
    record RowId(BigInteger sequence, long subSequence) {}

    private static final Comparator<RowId> ORDER = Comparator.comparing(RowId::sequence)
            .thenComparingLong(RowId::subSequence);

    private RowCheck() {}

    static ShardCheck.Report check(String shardId, List<ArchivedObject> objects, List<RowId> unsorted,
                                   Optional<String> checkpoint, Optional<StreamRecords> stream,
                                   boolean fromTrimHorizon) {
        return check(shardId, objects, unsorted, checkpoint, stream, fromTrimHorizon, ErrorRecords.NONE);
    }

    /**
     * @param errors the shard's records under the error prefix: with the stream, a user record in
     *               no row that an error object holds is counted there, not as lost
     */
    static ShardCheck.Report check(String shardId, List<ArchivedObject> objects, List<RowId> unsorted,
                                   Optional<String> checkpoint, Optional<StreamRecords> stream,
                                   boolean fromTrimHorizon, ErrorRecords errors) {
        String where = "shard " + shardId + ": ";
        List<String> problems = new ArrayList<>();
        long records = 0;
        for (ArchivedObject o : objects) {
            if (o.records() == ArchiveScan.UNREADABLE) {
                problems.add(where + "object " + o.key() + " cannot be read (not a Parquet file of this archive)");
            } else {
                records += o.records();
            }
        }
        List<RowId> rows = new ArrayList<>(unsorted);
        rows.sort(ORDER);
        long duplicates = 0;
        List<String> examples = new ArrayList<>();
        Map<BigInteger, Long> usersPerSequence = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            RowId r = rows.get(i);
            if (i > 0 && rows.get(i - 1).equals(r)) {
                duplicates++;
                if (examples.size() < 3) {
                    examples.add(r.sequence() + (r.subSequence() == 0 ? "" : "_" + r.subSequence()));
                }
            } else {
                usersPerSequence.merge(r.sequence(), 1L, Long::sum);
            }
        }
        if (duplicates > 0) {
            problems.add(where + duplicates + " records are in more than one row (archived twice), e.g. "
                    + String.join(", ", examples));
        }
        Optional<BigInteger> first = rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0).sequence());
        Optional<BigInteger> last = rows.isEmpty() ? Optional.empty()
                : Optional.of(rows.get(rows.size() - 1).sequence());

        String coverage;
        Optional<BigInteger> c = checkpoint.filter(ShardCheck::isSequence).map(BigInteger::new);
        if (checkpoint.isEmpty()) {
            coverage = "(no lease)";
        } else if (c.isPresent()) {
            if (last.isPresent() && last.get().compareTo(c.get()) >= 0 || errors.reach(c.get())) {
                coverage = "covered";
                long ahead = objects.stream().filter(o -> o.first().compareTo(c.get()) > 0).count();
                if (ahead > 0) {
                    coverage += " (" + ahead + " objects past it, uploaded but not yet checkpointed)";
                }
            } else {
                coverage = "NOT covered";
                problems.add(where + "checkpoint " + c.get() + " is not covered: no row reaches it"
                        + (errors.prefix().isEmpty() ? "" : ", nor a record under " + errors.prefix()));
            }
        } else {
            coverage = checkpoint.get().equals("SHARD_END") ? "(shard ended)" : "(nothing checkpointed yet)";
        }

        long[] inErrors = {errors.lines()};
        Optional<Long> lost = stream.map(s -> lost(s, usersPerSequence, first, fromTrimHorizon, problems, where,
                errors, inErrors));
        return new ShardCheck.Report(shardId, objects.size(), records, first, last, duplicates, 0,
                checkpoint.orElse("none"), coverage, lost, true, List.copyOf(problems), inErrors[0], errors.prefix());
    }

    /**
     * User records of the stream, up to the checkpoint, that no row holds and no error object
     * accounts for; {@code inErrors[0]} becomes the number the error objects account for.
     */
    private static long lost(StreamRecords stream, Map<BigInteger, Long> usersPerSequence,
                             Optional<BigInteger> first, boolean fromTrimHorizon, List<String> problems,
                             String where, ErrorRecords errors, long[] inErrors) {
        inErrors[0] = 0;
        BigInteger expectedFrom = fromTrimHorizon ? BigInteger.ZERO : first.orElse(BigInteger.ZERO);
        List<BigInteger> sequences = stream.sequences();
        long lost = 0;
        List<BigInteger> examples = new ArrayList<>();
        for (int i = 0; i < sequences.size(); i++) {
            BigInteger s = sequences.get(i);
            if (s.compareTo(expectedFrom) < 0) {
                continue;
            }
            long users = stream.userRecords(s);
            boolean atCheckpoint = i == sequences.size() - 1 && stream.aggregates().contains(s);
            long expected = atCheckpoint && stream.checkpointSub() < users - 1 ? stream.checkpointSub() + 1 : users;
            long missing = expected - usersPerSequence.getOrDefault(s, 0L);
            if (missing > 0) {
                long accounted = errors.account(s, missing);
                inErrors[0] += accounted;
                missing -= accounted;
            }
            if (missing > 0) {
                lost += missing;
                if (examples.size() < 3) {
                    examples.add(s);
                }
            }
        }
        if (lost > 0) {
            problems.add(where + lost + " records up to the checkpoint are in no row (lost), e.g. sequence numbers "
                    + String.join(", ", examples.stream().map(BigInteger::toString).toList()));
        }
        return lost;
    }
}
