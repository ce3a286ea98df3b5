package dev.clickstream.tools.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.tools.archive.ArchivedObject;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ShardCheckTest {
    private static final String SHARD = "shardId-000000000000";

    private static ArchivedObject object(long first, long last, long records) {
        return ArchivedObject.parse(SHARD + "/" + first + "-" + last, "").orElseThrow().withRecords(records);
    }

    private static Optional<StreamRecords> stream(long from, long to, long... aggregates) {
        return Optional.of(new StreamRecords(LongStream.rangeClosed(from, to).mapToObj(BigInteger::valueOf).toList(),
                LongStream.of(aggregates).mapToObj(BigInteger::valueOf).collect(Collectors.toSet())));
    }

    @Test
    void adjacentObjectsEndingAtTheCheckpointAreConsistent() {
        ShardCheck.Report r = ShardCheck.check(SHARD, List.of(object(11, 20, 10), object(1, 10, 10)),
                Optional.of("20"), stream(1, 20), true);
        assertThat(r.problems()).isEmpty();
        assertThat(r.records()).isEqualTo(20);
        assertThat(r.first()).contains(BigInteger.ONE);
        assertThat(r.last()).contains(BigInteger.valueOf(20));
        assertThat(r.lost()).contains(0L);
        assertThat(r.line()).contains("2 objects, 20 records, sequence numbers 1 to 20, 0 duplicate records, checkpoint 20 covered");
    }

    @Test
    void overlappingRangesAreDuplicatesFromTheKeysAloneAndCountedWithTheStream() {
        List<ArchivedObject> objects = List.of(object(1, 10, 10), object(6, 15, 10), object(16, 20, 5));
        ShardCheck.Report keysOnly = ShardCheck.check(SHARD, objects, Optional.of("20"), Optional.empty(), true);
        assertThat(keysOnly.duplicates()).isEqualTo(1);
        assertThat(keysOnly.problems()).singleElement().asString()
                .contains("overlap: sequence numbers 6 to 10 are in both");
        ShardCheck.Report withStream = ShardCheck.check(SHARD, objects, Optional.of("20"), stream(1, 20), true);
        assertThat(withStream.duplicates()).isEqualTo(5);
        assertThat(withStream.problems()).anyMatch(p -> p.contains("5 records are in more than one object"));
    }

    @Test
    void recordsInNoObjectThatAnErrorObjectHoldsAreInErrorsNotLost() {
        List<ArchivedObject> objects = List.of(object(1, 10, 10), object(13, 20, 8));
        ErrorRecords errors = new ErrorRecords("bad/", List.of(
                ArchivedObject.parse("bad/not-json/" + SHARD + "/11-12", "bad/").orElseThrow().withRecords(2)));
        ShardCheck.Report r = ShardCheck.check(SHARD, objects, Optional.of("20"), stream(1, 20), true, errors);
        assertThat(r.problems()).isEmpty();
        assertThat(r.lost()).contains(0L);
        assertThat(r.line()).endsWith("0 lost, in bad/: 2");

        ErrorRecords oneLine = new ErrorRecords("bad/", List.of(
                ArchivedObject.parse("bad/not-json/" + SHARD + "/11-12", "bad/").orElseThrow().withRecords(1)));
        ShardCheck.Report short1 = ShardCheck.check(SHARD, objects, Optional.of("20"), stream(1, 20), true, oneLine);
        assertThat(short1.lost()).contains(1L);
        assertThat(short1.problems()).singleElement().asString().contains("1 records up to the checkpoint are in no object");
    }

    @Test
    void aCheckpointInNoObjectIsAProblem() {
        ShardCheck.Report r = ShardCheck.check(SHARD, List.of(object(1, 10, 10)), Optional.of("20"), Optional.empty(), true);
        assertThat(r.problems()).singleElement().asString().contains("checkpoint 20 is not covered");
    }

    @Test
    void aMissingMiddleObjectIsLostRecordsWithTheStream() {
        ShardCheck.Report r = ShardCheck.check(SHARD, List.of(object(1, 10, 10), object(21, 30, 10)),
                Optional.of("30"), stream(1, 30), true);
        assertThat(r.lost()).contains(10L);
        assertThat(r.problems()).singleElement().asString().contains("10 records up to the checkpoint are in no object")
                .contains("11, 12, 13");
    }

    @Test
    void anObjectWithFewerLinesThanItsRangeLostRecords() {
        ShardCheck.Report r = ShardCheck.check(SHARD, List.of(object(1, 10, 7)), Optional.of("10"), stream(1, 10), true);
        assertThat(r.problems()).singleElement().asString().contains("holds 7 records but the stream has 10");
    }

    @Test
    void withoutTrimHorizonRecordsBeforeTheFirstObjectAreNotLost() {
        ShardCheck.Report r = ShardCheck.check(SHARD, List.of(object(11, 20, 10)), Optional.of("20"), stream(1, 20), false);
        assertThat(r.problems()).isEmpty();
        assertThat(ShardCheck.check(SHARD, List.of(object(11, 20, 10)), Optional.of("20"), stream(1, 20), true).lost())
                .contains(10L);
    }

    @Test
    void objectsPastTheCheckpointAreReportedButFine() {
        ShardCheck.Report r = ShardCheck.check(SHARD, List.of(object(1, 10, 10), object(11, 20, 10)),
                Optional.of("10"), stream(1, 10), true);
        assertThat(r.problems()).isEmpty();
        assertThat(r.coverage()).contains("1 objects past it");
    }

    @Test
    void specialCheckpointsNeedNoObject() {
        assertThat(ShardCheck.check(SHARD, List.of(), Optional.of("TRIM_HORIZON"), Optional.empty(), true).problems()).isEmpty();
        assertThat(ShardCheck.check(SHARD, List.of(), Optional.of("SHARD_END"), Optional.empty(), true).coverage())
                .isEqualTo("(shard ended)");
    }

    @Test
    void keysThatNameSubSequenceNumbersTellASplitAggregateFromARecordArchivedTwice() {
        List<ArchivedObject> split = List.of(key(SHARD + "/1-10_4", 14), key(SHARD + "/10_5-20", 12));
        ShardCheck.Report fine = ShardCheck.check(SHARD, split, Optional.of("20"), Optional.empty(), true);
        assertThat(fine.problems()).isEmpty();
        assertThat(fine.sharedEdges()).isEqualTo(1);
        List<ArchivedObject> twice = List.of(key(SHARD + "/1-10_4", 14), key(SHARD + "/10_4-20", 12));
        assertThat(ShardCheck.check(SHARD, twice, Optional.of("20"), Optional.empty(), true).problems())
                .singleElement().asString().contains("both hold record 10 sub-sequence 4: archived twice");
    }

    private static ArchivedObject key(String key, long records) {
        return ArchivedObject.parse(key, "").orElseThrow().withRecords(records);
    }

    @Test
    void withTheStreamAggregatesCountByTheirUserRecordsSoALossInsideOneIsFound() {
        // seq 2 and 3 are aggregates of 10 user records each, split between neighbouring objects
        StreamRecords upTo4 = new StreamRecords(List.of(BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(3),
                BigInteger.valueOf(4)), Set.of(BigInteger.TWO, BigInteger.valueOf(3)),
                Map.of(BigInteger.TWO, 10, BigInteger.valueOf(3), 10), 0);
        List<ArchivedObject> healthy = List.of(object(1, 2, 7), object(2, 3, 11), object(3, 4, 4));
        assertThat(ShardCheck.check(SHARD, healthy, Optional.of("4"), Optional.of(upTo4), true).problems()).isEmpty();

        List<ArchivedObject> overwritten = List.of(object(1, 2, 7), object(2, 3, 11), object(3, 4, 2));
        ShardCheck.Report r = ShardCheck.check(SHARD, overwritten, Optional.of("4"), Optional.of(upTo4), true);
        assertThat(r.problems()).singleElement().asString()
                .contains("objects up to the checkpoint hold 20 records where the stream has 22 user records: 2 lost");
        assertThat(r.lost()).contains(2L);

        // checkpointed at the 7th user record of aggregate 3: the rest is in an object past the checkpoint
        StreamRecords upTo3 = new StreamRecords(List.of(BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(3)),
                Set.of(BigInteger.TWO, BigInteger.valueOf(3)), Map.of(BigInteger.TWO, 10, BigInteger.valueOf(3), 10), 6);
        assertThat(ShardCheck.check(SHARD, List.of(object(1, 2, 7), object(2, 3, 11), object(3, 4, 4)),
                Optional.of("3"), Optional.of(upTo3), true).problems()).isEmpty();
    }

    @Test
    void unreadableObjectIsAProblem() {
        ShardCheck.Report r = ShardCheck.check(SHARD, List.of(object(1, 10, ArchiveScan.UNREADABLE)), Optional.of("10"),
                Optional.empty(), true);
        assertThat(r.problems()).singleElement().asString().contains("cannot be read");
    }

    @Test
    void aSharedEdgeIsAnAggregateSplitFromTheKeysAloneAndADuplicateOnlyWhenTheStreamShowsNoAggregate() {
        List<ArchivedObject> objects = List.of(object(1, 10, 12), object(10, 20, 14), object(20, 30, 9));
        ShardCheck.Report keysOnly = ShardCheck.check(SHARD, objects, Optional.of("30"), Optional.empty(), true);
        assertThat(keysOnly.problems()).isEmpty();
        assertThat(keysOnly.duplicates()).isZero();
        assertThat(keysOnly.line()).contains("0 overlapping objects, 2 edges shared (KPL aggregates split");
        assertThat(ShardCheck.check(SHARD, List.of(object(1, 10, 10), object(9, 20, 12)), Optional.of("20"),
                Optional.empty(), true).problems()).as("more than the edge is a real overlap")
                .singleElement().asString().contains("overlap: sequence numbers 9 to 10 are in both");
        objects = List.of(object(1, 10, 12), object(10, 20, 14));
        ShardCheck.Report aggregate = ShardCheck.check(SHARD, objects, Optional.of("20"), stream(1, 20, 10), true);
        assertThat(aggregate.problems()).isEmpty();
        assertThat(aggregate.duplicates()).isZero();
        ShardCheck.Report plain = ShardCheck.check(SHARD, objects, Optional.of("20"), stream(1, 20), true);
        assertThat(plain.duplicates()).isEqualTo(1);
        assertThat(plain.problems()).anyMatch(p -> p.contains("share their edge record 10, which is no KPL aggregate: archived twice"));
    }
}
