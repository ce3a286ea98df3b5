package dev.clickstream.producer.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/** The per-shard AIMD pacing on a fake clock, with two shards. */
class ShardPacerTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private long now = 1_000_000 * MS;
    private final ShardPacer pacer = new ShardPacer(new TwoShards(), () -> now);

    @Test
    void aShardThatRefusesNothingIsNeverPaced() {
        for (int i = 0; i < 100; i++) {
            assertThat(pacer.book(new double[] {0.5, 0.5})).isZero();
            pacer.settled(new double[] {0.5, 0.5}, new boolean[2]);
        }
        assertThat(pacer.rate(0)).isInfinite();
    }

    @Test
    void aFirstRefusalPacesTheShardAtItsCapacity() {
        pacer.settled(new double[2], new boolean[] {true, false});

        assertThat(pacer.rate(0)).isEqualTo(1.0);
        assertThat(pacer.book(new double[] {0.25, 0})).as("due at once").isZero();
        assertThat(pacer.book(new double[] {0.25, 0})).as("a quarter second of capacity later, less the tolerance")
                .isEqualTo(250 * MS - ShardPacer.TOLERANCE_NANOS);
        now += 250 * MS;
        assertThat(pacer.book(new double[] {0.25, 0})).isEqualTo(250 * MS - ShardPacer.TOLERANCE_NANOS);
    }

    @Test
    void theOtherShardKeepsItsOwnPace() {
        pacer.settled(new double[2], new boolean[] {true, false});
        pacer.book(new double[] {1, 0});

        assertThat(pacer.book(new double[] {0, 1})).as("shard 1 has refused nothing").isZero();
        assertThat(pacer.book(new double[] {0.1, 1})).as("a batch waits for the slowest of its shards")
                .isEqualTo(1000 * MS - ShardPacer.TOLERANCE_NANOS);
    }

    @Test
    void furtherRefusalsCutTheRateOncePerHoldOff() {
        pacer.settled(new double[2], new boolean[] {true, false});
        now += ShardPacer.HOLD_OFF_NANOS;
        pacer.settled(new double[2], new boolean[] {true, false});
        assertThat(pacer.rate(0)).isEqualTo(ShardPacer.DECREASE);

        now += ShardPacer.HOLD_OFF_NANOS - 1;
        pacer.settled(new double[2], new boolean[] {true, false});
        assertThat(pacer.rate(0)).as("calls already in flight carry the same news").isEqualTo(ShardPacer.DECREASE);

        for (int i = 0; i < 1000; i++) {
            now += ShardPacer.HOLD_OFF_NANOS;
            pacer.settled(new double[2], new boolean[] {true, false});
        }
        assertThat(pacer.rate(0)).isEqualTo(ShardPacer.MIN_RATE);
    }

    @Test
    void acceptedEntriesRaiseTheRateByTheIncreasePerSecondOfSending() {
        pacer.settled(new double[2], new boolean[] {true, false});

        for (int i = 0; i < 4; i++) {
            double rate = pacer.rate(0);
            pacer.settled(new double[] {rate * 0.25, 0}, new boolean[2]);
        }

        assertThat(pacer.rate(0)).isCloseTo(1 + ShardPacer.INCREASE_PER_SECOND, Offset.offset(1e-9));
    }

    @Test
    void anEntryCostsItsRecordOrItsBytesWhicheverUsesMoreOfTheShard() {
        assertThat(ShardPacer.cost(72)).isEqualTo(0.001);
        assertThat(ShardPacer.cost(512 * 1024)).isEqualTo(0.5);
    }

    @Test
    void refusedEntriesOfABatchSlowOnlyTheirShard() {
        Batch batch = Batch.plain(List.of(entry("a"), entry("b"), entry("a")));
        int[] shards = pacer.shardsOf(batch);
        assertThat(shards).containsExactly(0, 1, 0);

        pacer.settled(batch, shards, List.of(ok(), refused(), ok()));

        assertThat(pacer.rate(0)).isInfinite();
        assertThat(pacer.rate(1)).isEqualTo(1.0);
        for (int i = 0; i <= ShardPacer.TOLERANCE_NANOS / MS; i++) {
            assertThat(pacer.book(batch, shards)).as("within the tolerance").isZero();
        }
        assertThat(pacer.book(batch, shards)).as("one record a millisecond on shard 1").isEqualTo(MS);
    }

    private static PutRecordsRequestEntry entry(String key) {
        return PutRecordsRequestEntry.builder().partitionKey(key).data(SdkBytes.fromUtf8String("x")).build();
    }

    private static PutRecordsResultEntry ok() {
        return PutRecordsResultEntry.builder().shardId("s").sequenceNumber("1").build();
    }

    private static PutRecordsResultEntry refused() {
        return PutRecordsResultEntry.builder()
                .errorCode("ProvisionedThroughputExceededException").errorMessage("Rate exceeded").build();
    }

    /** Key "a" on shard 0, any other on shard 1. */
    private static final class TwoShards implements ShardPacer.Shards {
        @Override
        public int count() {
            return 2;
        }

        @Override
        public int indexOf(PutRecordsRequestEntry entry, String expectedShard) {
            return entry.partitionKey().equals("a") ? 0 : 1;
        }
    }
}
