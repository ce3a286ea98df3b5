package dev.clickstream.tools.verify;

import dev.clickstream.tools.archive.ArchivedObject;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks one shard's objects against its checkpoint and, when the stream was read, against the
 * records themselves. Objects hold no sequence numbers, only their key's range: an object holds
 * every record with data of its shard from its first to its last sequence number (the archiver
 * buffers records in order and skips none but empty ones). So:
 * <ul>
 *   <li>duplicates, from the keys alone, are objects whose ranges overlap; with the stream, the
 *       records whose sequence number lies in more than one object's range;</li>
 *   <li>a checkpoint is covered when it lies in an object's range (the archiver checkpoints at a
 *       batch's last record, after its upload);</li>
 *   <li>lost records (stream only) are records up to the checkpoint in no object's range, and an
 *       object with fewer lines than records in its range lost some of them.</li>
 * </ul>
 * A record is identified by its sequence and sub-sequence numbers. A KPL aggregate holds several
 * user records under one sequence number, and a batch cut by size may end in the middle of one:
 * the next object then starts at the sequence number the previous one ended with, holding the
 * aggregate's later user records. A raw key names no sub-sequence numbers, so from the keys
 * alone such a shared edge is what a healthy archive of an aggregated stream looks like and is
 * no problem; the stream tells an aggregate split in two (fine) from one plain record archived
 * twice (a duplicate). Only ranges that share more than their edge overlap from the keys alone.
 */
public final class ShardCheck {

    /** What was found: the figures for the report line, and one line per problem. */
    public record Report(String shardId, int objects, long records, Optional<BigInteger> first,
                         Optional<BigInteger> last, long duplicates, long sharedEdges, String checkpoint,
                         String coverage, Optional<Long> lost, boolean rowsNamed, List<String> problems,
                         long inErrors, String errorPrefix) {

        public String line() {
            return "shard " + shardId + ": " + objects + " objects, " + records + " records"
                    + first.map(f -> ", sequence numbers " + f + " to " + last.orElseThrow()).orElse("")
                    + ", " + duplicates + (lost.isPresent() || rowsNamed ? " duplicate records" : " overlapping objects")
                    + (sharedEdges > 0 ? ", " + sharedEdges + " edges shared (KPL aggregates split between objects)" : "")
                    + ", checkpoint " + checkpoint + " " + coverage
                    + lost.map(n -> ", " + n + " lost").orElse("")
                    + (inErrors > 0 ? ", in " + errorPrefix + ": " + inErrors : "");
        }
    }

    private ShardCheck() {}

    /**
     * @param checkpoint the lease's checkpoint; empty when the shard has no lease
     * @param stream the shard's records with data up to the checkpoint, when --stream was given
     * @param fromTrimHorizon whether the consumer starts new shards at TRIM_HORIZON; if not, records
     *                        before the first object were never meant to be archived
     */
    public static Report check(String shardId, List<ArchivedObject> unsorted, Optional<String> checkpoint,
                               Optional<StreamRecords> stream, boolean fromTrimHorizon) {
        return check(shardId, unsorted, checkpoint, stream, fromTrimHorizon, ErrorRecords.NONE);
    }

    /**
     * @param errors the shard's records under the error prefix: with the stream, a record in no
     *               object that an error object holds is counted there, not as lost
     */
    static Report check(String shardId, List<ArchivedObject> unsorted, Optional<String> checkpoint,
                        Optional<StreamRecords> stream, boolean fromTrimHorizon, ErrorRecords errors) {
        List<ArchivedObject> objects = new ArrayList<>(unsorted);
        objects.sort(Comparator.comparing(ArchivedObject::first).thenComparingLong(ArchivedObject::firstSub)
                .thenComparing(ArchivedObject::last).thenComparingLong(ArchivedObject::lastSub));
        List<String> problems = new ArrayList<>();
        String where = "shard " + shardId + ": ";

        long records = 0;
        for (ArchivedObject o : objects) {
            if (o.records() == ArchiveScan.UNREADABLE) {
                problems.add(where + "object " + o.key() + " cannot be read" + (o.gzip() ? " (not valid gzip)" : ""));
            } else {
                records += o.records();
            }
        }
        long[] sharedEdges = {0};
        long overlaps = overlaps(objects, stream.map(StreamRecords::aggregates), problems, where, sharedEdges);

        String checkpointText = checkpoint.orElse("none");
        String coverage;
        Optional<BigInteger> checkpointSequence = checkpoint.filter(ShardCheck::isSequence).map(BigInteger::new);
        if (checkpoint.isEmpty()) {
            coverage = "(no lease)";
        } else if (checkpointSequence.isPresent()) {
            BigInteger c = checkpointSequence.get();
            if (objects.stream().anyMatch(o -> o.contains(c)) || errors.hold(c)) {
                coverage = "covered";
                long ahead = objects.stream().filter(o -> o.first().compareTo(c) > 0).count();
                if (ahead > 0) {
                    coverage += " (" + ahead + " objects past it, uploaded but not yet checkpointed)";
                }
            } else {
                coverage = "NOT covered";
                problems.add(where + "checkpoint " + c + " is not covered by any archived object");
            }
        } else {
            coverage = checkpoint.get().equals("SHARD_END") ? "(shard ended)" : "(nothing checkpointed yet)";
        }

        long duplicates = overlaps;
        Optional<Long> lost = Optional.empty();
        long inErrors = errors.lines();
        if (stream.isPresent()) {
            StreamFindings found = againstStream(objects, stream.get(), fromTrimHorizon, problems, where, errors);
            duplicates = found.duplicates;
            lost = Optional.of(found.lost);
            inErrors = found.inErrors;
        }
        Optional<BigInteger> first = objects.stream().map(ArchivedObject::first).min(Comparator.naturalOrder());
        Optional<BigInteger> last = objects.stream().map(ArchivedObject::last).max(Comparator.naturalOrder());
        return new Report(shardId, objects.size(), records, first, last, duplicates, sharedEdges[0], checkpointText,
                coverage, lost, false, List.copyOf(problems), inErrors, errors.prefix());
    }

    /** Overlapping ranges, each object against the one reaching furthest before it. */
    private static long overlaps(List<ArchivedObject> sorted, Optional<Set<BigInteger>> aggregates,
                                 List<String> problems, String where, long[] sharedEdges) {
        long count = 0;
        ArchivedObject reach = null;
        for (ArchivedObject o : sorted) {
            if (reach != null && o.first().compareTo(reach.last()) <= 0) {
                boolean edgeOnly = o.first().equals(reach.last());
                boolean subsNamed = edgeOnly && o.firstSub() != ArchivedObject.UNNAMED
                        && reach.lastSub() != ArchivedObject.UNNAMED;
                if (subsNamed && o.firstSub() > reach.lastSub()) {
                    // the keys name the sub-sequence numbers: two parts of one aggregate, no record in both
                    sharedEdges[0]++;
                } else if (subsNamed) {
                    count++;
                    problems.add(where + "objects " + reach.key() + " and " + o.key() + " both hold record "
                            + o.first() + " sub-sequence " + o.firstSub() + ": archived twice");
                } else if (edgeOnly && aggregates.isPresent() && aggregates.get().contains(o.first())) {
                    // one aggregate split between two batches: each object holds part of it
                } else if (edgeOnly && aggregates.isEmpty()) {
                    // from the keys alone: an aggregate split between two batches, as the archiver cuts them
                    sharedEdges[0]++;
                } else if (edgeOnly) {
                    count++;
                    problems.add(where + "objects " + reach.key() + " and " + o.key() + " share their edge record "
                            + o.first() + ", which is no KPL aggregate: archived twice");
                } else {
                    count++;
                    BigInteger end = o.last().min(reach.last());
                    problems.add(where + "objects " + reach.key() + " and " + o.key() + " overlap: sequence numbers "
                            + o.first() + " to " + end + " are in both");
                }
            }
            int further = reach == null ? 1 : o.last().compareTo(reach.last());
            if (further > 0 || further == 0 && o.lastSub() > reach.lastSub()) {
                reach = o;
            }
        }
        return count;
    }

    private record StreamFindings(long duplicates, long lost, long inErrors) {}

    private static StreamFindings againstStream(List<ArchivedObject> objects, StreamRecords stream,
                                                boolean fromTrimHorizon, List<String> problems, String where,
                                                ErrorRecords errors) {
        int problemsBefore = problems.size();
        List<BigInteger> sequences = stream.sequences();
        int n = sequences.size();
        int[] starts = new int[n + 1];
        for (ArchivedObject o : objects) {
            int from = lowerBound(sequences, o.first());
            int to = lowerBound(sequences, o.last().add(BigInteger.ONE)); // exclusive
            starts[from]++;
            starts[to]--;
            // objects past the checkpoint were only partly read from the stream: their counts prove nothing
            boolean wholeRangeRead = n > 0 && o.last().compareTo(sequences.get(n - 1)) <= 0;
            if (wholeRangeRead && o.records() != ArchiveScan.UNREADABLE && o.records() < to - from) {
                problems.add(where + "object " + o.key() + " holds " + o.records() + " records but the stream has "
                        + (to - from) + " in its range");
            }
        }
        BigInteger expectedFrom = fromTrimHorizon || objects.isEmpty() ? BigInteger.ZERO : objects.get(0).first();
        long duplicates = 0;
        long lost = 0;
        long inErrors = 0;
        List<BigInteger> lostExamples = new ArrayList<>();
        int copies = 0;
        for (int i = 0; i < n; i++) {
            copies += starts[i];
            if (copies > 1 && !stream.aggregates().contains(sequences.get(i))) {
                duplicates++;
            } else if (copies == 0 && sequences.get(i).compareTo(expectedFrom) >= 0
                    && errors.account(sequences.get(i), 1) == 1) {
                inErrors++;
            } else if (copies == 0 && sequences.get(i).compareTo(expectedFrom) >= 0) {
                lost++;
                if (lostExamples.size() < 3) {
                    lostExamples.add(sequences.get(i));
                }
            }
        }
        if (duplicates > 0) {
            problems.add(where + duplicates + " records are in more than one object");
        }
        if (lost > 0) {
            problems.add(where + lost + " records up to the checkpoint are in no object (lost), e.g. sequence numbers "
                    + String.join(", ", lostExamples.stream().map(BigInteger::toString).toList()));
        }
        if (problems.size() == problemsBefore) {
            // only what the sequence ranges cannot show
            lost = lostUserRecords(objects, stream, problems, where);
        }
        return new StreamFindings(duplicates, lost, inErrors);
    }

    /**
     * User records in no object, counted as the consumer archives them: a KPL aggregate's user
     * records one each (an aggregate split between two objects has part of them in each), those of
     * the aggregate at the checkpoint up to its sub-sequence number. Over the objects the stream
     * was read past; a sequence range cannot show a loss inside an aggregate, this count can.
     */
    private static long lostUserRecords(List<ArchivedObject> objects, StreamRecords stream, List<String> problems,
                                        String where) {
        List<BigInteger> sequences = stream.sequences();
        int n = sequences.size();
        int[] covered = new int[n + 1];
        long archived = 0;
        for (ArchivedObject o : objects) {
            if (n == 0 || o.last().compareTo(sequences.get(n - 1)) > 0) {
                continue;
            }
            if (o.records() == ArchiveScan.UNREADABLE) {
                return 0; // a problem already
            }
            archived += o.records();
            covered[lowerBound(sequences, o.first())]++;
            covered[lowerBound(sequences, o.last().add(BigInteger.ONE))]--;
        }
        long expected = 0;
        int depth = 0;
        for (int i = 0; i < n; i++) {
            depth += covered[i];
            if (depth > 0) {
                int users = stream.userRecords(sequences.get(i));
                boolean atCheckpoint = i == n - 1 && stream.aggregates().contains(sequences.get(i));
                expected += atCheckpoint && stream.checkpointSub() < users - 1 ? stream.checkpointSub() + 1 : users;
            }
        }
        if (archived >= expected) {
            return 0;
        }
        problems.add(where + "objects up to the checkpoint hold " + archived + " records where the stream has "
                + expected + " user records: " + (expected - archived) + " lost (KPL aggregates counted by their "
                + "user records)");
        return expected - archived;
    }

    private static int lowerBound(List<BigInteger> sorted, BigInteger value) {
        int i = Collections.binarySearch(sorted, value);
        return i >= 0 ? i : -i - 1;
    }

    static boolean isSequence(String checkpoint) {
        return !checkpoint.isEmpty() && checkpoint.chars().allMatch(Character::isDigit);
    }
}
