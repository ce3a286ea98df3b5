package dev.clickstream.tools.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.tools.archive.ArchivedObject;
import dev.clickstream.tools.verify.RowCheck.RowId;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RowCheckTest {
    private static final String SHARD = "shardId-000000000000";

    /** One batch 100..103 fanned out into two partitions: same key range, disjoint rows. */
    private static final List<ArchivedObject> FANNED_OUT = List.of(
            object("resource=%2Fa/" + SHARD + "/100-103.parquet", 2),
            object("resource=%2Fb/" + SHARD + "/101-102.parquet", 2));

    @Test
    void aPartitionedArchiveIsHealthyInBothModes() {
        List<RowId> rows = List.of(id(100, 0), id(103, 0), id(101, 0), id(102, 0));
        ShardCheck.Report keysOnly = RowCheck.check(SHARD, FANNED_OUT, rows, Optional.of("103"), Optional.empty(), true);
        assertThat(keysOnly.problems()).isEmpty();
        assertThat(keysOnly.coverage()).isEqualTo("covered");
        assertThat(keysOnly.line()).contains("4 records", "0 duplicate records");

        ShardCheck.Report withStream = RowCheck.check(SHARD, FANNED_OUT, rows, Optional.of("103"),
                Optional.of(stream(100, 101, 102, 103)), true);
        assertThat(withStream.problems()).isEmpty();
        assertThat(withStream.lost()).contains(0L);
    }

    @Test
    void aRowArchivedTwiceIsADuplicateWithoutTheStream() {
        List<RowId> rows = List.of(id(100, 0), id(101, 0), id(101, 0), id(102, 0));
        ShardCheck.Report report = RowCheck.check(SHARD, FANNED_OUT, rows, Optional.of("102"), Optional.empty(), true);
        assertThat(report.duplicates()).isEqualTo(1);
        assertThat(report.problems()).singleElement().asString().contains("1 records are in more than one row");
    }

    @Test
    void anAggregatesUserRecordsAreTwoRowsNotADuplicateAndAMissingOneIsLost() {
        StreamRecords stream = new StreamRecords(List.of(big(100), big(101)), Set.of(big(101)), Map.of(big(101), 3), 2);
        List<RowId> whole = List.of(id(100, 0), id(101, 0), id(101, 1), id(101, 2));
        assertThat(RowCheck.check(SHARD, FANNED_OUT, whole, Optional.of("101"), Optional.of(stream), true).problems())
                .isEmpty();

        List<RowId> missing = List.of(id(100, 0), id(101, 0), id(101, 2));
        ShardCheck.Report report = RowCheck.check(SHARD, FANNED_OUT, missing, Optional.of("101"), Optional.of(stream),
                true);
        assertThat(report.lost()).contains(1L);
        assertThat(report.problems()).singleElement().asString().contains("1 records up to the checkpoint are in no row");
    }

    @Test
    void recordsUnderTheErrorPrefixAreAccountedForNotLost() {
        // 101 and 103 never became rows: they are in the error objects whose ranges hold them
        List<RowId> rows = List.of(id(100, 0), id(102, 0));
        ErrorRecords errors = new ErrorRecords("errors/", List.of(
                errorObject("errors/not-json/" + SHARD + "/100-103", 1),
                errorObject("errors/wrong-type/" + SHARD + "/101-101", 1)));
        ShardCheck.Report report = RowCheck.check(SHARD, FANNED_OUT, rows, Optional.of("103"),
                Optional.of(stream(100, 101, 102, 103)), true, errors);
        assertThat(report.problems()).isEmpty();
        assertThat(report.lost()).contains(0L);
        assertThat(report.inErrors()).isEqualTo(2);
        assertThat(report.line()).endsWith(", 0 lost, in errors/: 2");

        ShardCheck.Report keysOnly = RowCheck.check(SHARD, FANNED_OUT, rows, Optional.of("103"), Optional.empty(), true,
                new ErrorRecords("errors/", List.of(errorObject("errors/not-json/" + SHARD + "/101-103", 2))));
        assertThat(keysOnly.line()).endsWith("in errors/: 2");
    }

    @Test
    void aRecordInNoRowIsLostWhenNoErrorObjectHoldsIt() {
        List<RowId> rows = List.of(id(100, 0), id(102, 0));
        // one error line in a range that holds 101 but not 103
        ErrorRecords errors = new ErrorRecords("errors/", List.of(errorObject("errors/not-json/" + SHARD + "/101-102", 1)));
        ShardCheck.Report report = RowCheck.check(SHARD, FANNED_OUT, rows, Optional.of("103"),
                Optional.of(stream(100, 101, 102, 103)), true, errors);
        assertThat(report.lost()).contains(1L);
        assertThat(report.inErrors()).isEqualTo(1);
        assertThat(report.problems()).anyMatch(p -> p.contains("1 records up to the checkpoint are in no row (lost), "
                + "e.g. sequence numbers 103"));
    }

    @Test
    void aCheckpointNoRowReachesIsNotCovered() {
        ShardCheck.Report report = RowCheck.check(SHARD, FANNED_OUT, List.of(id(100, 0)), Optional.of("200"),
                Optional.empty(), true);
        assertThat(report.coverage()).isEqualTo("NOT covered");
    }

    private static ArchivedObject object(String key, long records) {
        return ArchivedObject.parse(key, "").orElseThrow().withRecords(records);
    }

    private static ArchivedObject errorObject(String key, long lines) {
        return ArchivedObject.parse(key, "errors/").orElseThrow().withRecords(lines);
    }

    private static StreamRecords stream(long... sequences) {
        return new StreamRecords(java.util.Arrays.stream(sequences).mapToObj(RowCheckTest::big).toList(), Set.of());
    }

    private static RowId id(long sequence, long sub) {
        return new RowId(big(sequence), sub);
    }

    private static BigInteger big(long n) {
        return BigInteger.valueOf(n);
    }
}
