package dev.clickstream.producer.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.producer.send.Batch;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.kinesis.retrieval.AggregatorUtil;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/** The aggregated records must read back, record for record, through the KCL's own de-aggregation. */
class AggregatorTest {
    static final BigInteger TOP = BigInteger.TWO.pow(128).subtract(BigInteger.ONE);
    /** Four shards splitting the hash-key space evenly, like CreateStream makes them. */
    static final ShardMap FOUR = new ShardMap(List.of(range(0, 4), range(1, 4), range(2, 4), range(3, 4)));

    static ShardMap.Range range(int i, int n) {
        BigInteger width = TOP.add(BigInteger.ONE).divide(BigInteger.valueOf(n));
        BigInteger start = width.multiply(BigInteger.valueOf(i));
        BigInteger end = i == n - 1 ? TOP : start.add(width).subtract(BigInteger.ONE);
        return new ShardMap.Range("shardId-00000000000" + i, start, end);
    }

    static PutRecordsRequestEntry entry(String partitionKey, String explicitHashKey, String data) {
        return PutRecordsRequestEntry.builder().partitionKey(partitionKey).explicitHashKey(explicitHashKey)
                .data(SdkBytes.fromString(data, StandardCharsets.UTF_8)).build();
    }

    static List<PutRecordsRequestEntry> userRecords(int n) {
        List<PutRecordsRequestEntry> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // every 7th record carries an explicit hash key, so both key tables are exercised
            String ehk = i % 7 == 0 ? TOP.divide(BigInteger.valueOf(i + 2)).toString() : null;
            records.add(entry("resource-" + (i % 10), ehk, "{\"resource\":\"resource-" + (i % 10) + "\",\"i\":" + i + "}"));
        }
        return records;
    }

    /** De-aggregates each Kinesis record with the KCL, checking it against the hash range of the shard it routes to. */
    static List<KinesisClientRecord> readBack(Batch batch) {
        List<KinesisClientRecord> out = new ArrayList<>();
        for (PutRecordsRequestEntry e : batch.entries()) {
            BigInteger routed = e.explicitHashKey() != null ? new BigInteger(e.explicitHashKey())
                    : ShardMap.hashKey(e.partitionKey());
            ShardMap.Range shard = FOUR.range(FOUR.indexOf(routed));
            KinesisClientRecord kinesis = KinesisClientRecord.builder().sequenceNumber("49" + out.size())
                    .partitionKey(e.partitionKey()).explicitHashKey(e.explicitHashKey())
                    .data(e.data().asByteBuffer()).build();
            out.addAll(new AggregatorUtil().deaggregate(List.of(kinesis), shard.start(), shard.end()));
        }
        return out;
    }

    static String text(KinesisClientRecord r) {
        return StandardCharsets.UTF_8.decode(r.data().duplicate()).toString();
    }

    @Test
    void theKclDeaggregatesEveryUserRecordWithItsKeysOnTheShardItsKeyMapsTo() {
        List<PutRecordsRequestEntry> in = userRecords(500);
        Batch batch = new Aggregator(FOUR, 51_200, 4_294_967_295L).aggregate(in);

        assertThat(batch.entries()).as("one aggregated record per shard").hasSize(4);
        assertThat(java.util.stream.IntStream.range(0, 4).mapToObj(batch::expectedShard))
                .containsExactlyInAnyOrder("shardId-000000000000", "shardId-000000000001", "shardId-000000000002", "shardId-000000000003");
        assertThat(batch.userRecordTotal()).isEqualTo(500);
        for (PutRecordsRequestEntry e : batch.entries()) {
            byte[] data = e.data().asByteArray();
            assertThat(Arrays.copyOf(data, 4)).isEqualTo(AggregatorUtil.AGGREGATED_RECORD_MAGIC);
        }
        List<KinesisClientRecord> out = readBack(batch);
        assertThat(out).hasSize(500).allMatch(KinesisClientRecord::aggregated);
        assertThat(out.stream().map(AggregatorTest::text).sorted())
                .containsExactlyElementsOf(in.stream().map(r -> r.data().asUtf8String()).sorted().toList());
        for (KinesisClientRecord r : out) {
            PutRecordsRequestEntry original = in.stream().filter(i -> i.data().asUtf8String().equals(text(r)))
                    .findFirst().orElseThrow();
            assertThat(r.partitionKey()).isEqualTo(original.partitionKey());
            assertThat(r.explicitHashKey()).isEqualTo(original.explicitHashKey());
        }
    }

    @Test
    void subSequenceNumbersFollowTheOrderOfTheUserRecordsWithinAShard() {
        List<PutRecordsRequestEntry> in = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            in.add(entry("same-key", null, "r" + i));
        }
        Batch batch = new Aggregator(FOUR, 51_200, 4_294_967_295L).aggregate(in);
        List<KinesisClientRecord> out = readBack(batch);
        assertThat(out).extracting(AggregatorTest::text).containsExactlyElementsOf(
                in.stream().map(r -> r.data().asUtf8String()).toList());
        assertThat(out).extracting(KinesisClientRecord::subSequenceNumber)
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L);
    }

    @Test
    void noAggregatedRecordExceedsMaxBytesAndTheSizeEstimateIsExact() {
        int maxBytes = 1_000;
        Batch batch = new Aggregator(FOUR, maxBytes, 4_294_967_295L).aggregate(userRecords(500));
        assertThat(batch.entries().size()).isGreaterThan(4);
        for (PutRecordsRequestEntry e : batch.entries()) {
            int size = e.data().asByteArray().length + e.partitionKey().length();
            assertThat(size).isLessThanOrEqualTo(maxBytes);
        }
        assertThat(batch.entries().stream().mapToInt(e -> e.data().asByteArray().length + e.partitionKey().length()).max()
                .getAsInt()).as("aggregates are filled close to the limit").isGreaterThan(maxBytes - 60);
        assertThat(readBack(batch)).hasSize(500);
    }

    @Test
    void maxCountBoundsTheUserRecordsPerAggregateAndALoneRecordGoesOutPlain() {
        List<PutRecordsRequestEntry> in = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            in.add(entry("same-key", null, "r" + i));
        }
        Batch batch = new Aggregator(FOUR, 51_200, 3).aggregate(in);
        assertThat(batch.entries()).hasSize(3);
        assertThat(new int[] {batch.userRecords(0), batch.userRecords(1), batch.userRecords(2)}).containsExactly(3, 3, 1);
        assertThat(batch.entries().get(2)).as("a single record is sent as it is").isSameAs(in.get(6));
        assertThat(readBack(batch)).extracting(AggregatorTest::text)
                .containsExactly("r0", "r1", "r2", "r3", "r4", "r5", "r6");
    }

    @Test
    void theShardMapFindsTheShardOwningAHashKey() {
        assertThat(FOUR.indexOf(BigInteger.ZERO)).isZero();
        assertThat(FOUR.indexOf(TOP)).isEqualTo(3);
        assertThat(FOUR.indexOf(FOUR.range(2).start())).isEqualTo(2);
        assertThat(FOUR.indexOf(FOUR.range(2).start().subtract(BigInteger.ONE))).isEqualTo(1);
        assertThat(ShardMap.hashKey("resource-0")).isEqualTo(new BigInteger(1, md5("resource-0")));
    }

    private static byte[] md5(String s) {
        try {
            return java.security.MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
