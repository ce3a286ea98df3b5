package dev.clickstream.consumer.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RecordBufferTest {
    private static ByteBuffer text(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String body(Batch b) {
        return new String(b.bytes(), 0, b.length(), StandardCharsets.UTF_8);
    }

    @Test
    void storesEachRecordPlusNewlineAndCountsThoseBytes() {
        RecordBuffer buffer = new RecordBuffer(100, 0);
        buffer.add(text("abc"), "1", 0, 0, 0);
        buffer.add(text("de"), "2", 0, 0, 0);
        assertThat(buffer.size()).isEqualTo(7);
        Batch batch = buffer.drain();
        assertThat(body(batch)).isEqualTo("abc\nde\n");
        assertThat(batch.firstSequence()).isEqualTo("1");
        assertThat(batch.lastSequence()).isEqualTo("2");
        assertThat(batch.records()).isEqualTo(2);
        assertThat(buffer.isEmpty()).isTrue();
    }

    @Test
    void theRecordThatCrossesTheLimitIsIncluded() {
        RecordBuffer buffer = new RecordBuffer(10, 0);
        assertThat(buffer.add(text("1234"), "1", 0, 0, 0)).isFalse(); // 5 bytes
        assertThat(buffer.add(text("123"), "2", 0, 0, 0)).isFalse();  // 9 bytes
        assertThat(buffer.add(text("123456"), "3", 0, 0, 0)).isTrue(); // 16 bytes >= 10
        assertThat(body(buffer.drain())).isEqualTo("1234\n123\n123456\n");
    }

    @Test
    void reachingTheLimitExactlyIsFull() {
        RecordBuffer buffer = new RecordBuffer(5, 0);
        assertThat(buffer.add(text("1234"), "1", 0, 0, 0)).isTrue();
    }

    @Test
    void emptyDataIsSkipped() {
        RecordBuffer buffer = new RecordBuffer(100, 0);
        buffer.add(ByteBuffer.allocate(0), "1", 0, 0, 0);
        assertThat(buffer.isEmpty()).isTrue();
        buffer.add(text("x"), "2", 0, 0, 0);
        buffer.add(ByteBuffer.allocate(0), "3", 0, 0, 0);
        Batch batch = buffer.drain();
        assertThat(body(batch)).isEqualTo("x\n");
        assertThat(batch.firstSequence()).isEqualTo("2");
        assertThat(batch.lastSequence()).isEqualTo("2");
    }

    @Test
    void binaryDataIsCopiedByteForByteAndTheCallersBufferIsLeftAlone() {
        byte[] data = {0, (byte) 0xFF, '\n', (byte) 0xC3, 0x28};
        ByteBuffer in = ByteBuffer.wrap(data);
        RecordBuffer buffer = new RecordBuffer(100, 0);
        buffer.add(in, "1", 0, 0, 0);
        assertThat(in.remaining()).isEqualTo(5);
        Batch batch = buffer.drain();
        assertThat(Arrays.copyOf(batch.bytes(), batch.length())).containsExactly(0, (byte) 0xFF, '\n', (byte) 0xC3, 0x28, '\n');
    }

    @Test
    void growsBeyondItsInitialCapacityAndDrainedBatchesStayIntact() {
        RecordBuffer buffer = new RecordBuffer(1 << 20, 0);
        byte[] big = new byte[100_000];
        Arrays.fill(big, (byte) 'a');
        for (int i = 0; i < 5; i++) {
            buffer.add(ByteBuffer.wrap(big), Integer.toString(i), 0, 0, 0);
        }
        Batch first = buffer.drain();
        buffer.add(text("next"), "9", 0, 0, 0);
        assertThat(first.length()).isEqualTo(500_005);
        assertThat(first.bytes()[0]).isEqualTo((byte) 'a');
        assertThat(body(buffer.drain())).isEqualTo("next\n");
    }

    @Test
    void isDueOnceTheOldestRecordHasBeenHeldForTheAge() {
        RecordBuffer buffer = new RecordBuffer(1000, 5);
        assertThat(buffer.isDue(1_000_000)).as("empty is never due").isFalse();
        // arrival times ahead of the local clock, as with a skewed clock: holding time decides
        buffer.add(text("a"), "1", 0, 1_000, 10);
        buffer.add(text("b"), "2", 0, 1_000, 14);
        assertThat(buffer.isDue(14)).isFalse();
        assertThat(buffer.isDue(15)).isTrue();
    }

    @Test
    void isDueAtOnceWhenTheOldestRecordArrivedTheAgeAgo() {
        RecordBuffer buffer = new RecordBuffer(1000, 5_000);
        // a backlog: the record arrived in Kinesis an hour before it was read
        buffer.add(text("a"), "1", 0, 1_000_000, 4_600_000);
        assertThat(buffer.isDue(4_600_000)).isTrue();
        buffer.drain();
        buffer.add(text("b"), "2", 0, 4_599_000, 4_600_000);
        assertThat(buffer.isDue(4_600_000)).as("arrived 1 s ago, held 0 s").isFalse();
        assertThat(buffer.isDue(4_603_999)).isFalse();
        assertThat(buffer.isDue(4_604_000)).isTrue();
    }

    @Test
    void isQuietOnceTheNewestRecordArrivedTheAgeAgo() {
        RecordBuffer buffer = new RecordBuffer(1000, 5_000);
        assertThat(buffer.isQuiet(Long.MAX_VALUE)).as("empty is never quiet").isFalse();
        buffer.add(text("a"), "1", 0, 100_000, 0);
        buffer.add(text("b"), "2", 0, 103_000, 0);
        assertThat(buffer.isDue(105_000)).isTrue();
        assertThat(buffer.isQuiet(107_999)).as("due, but the newest arrived 4,999 ms ago").isFalse();
        assertThat(buffer.isQuiet(108_000)).isTrue();
        assertThat(new RecordBuffer(1000, 0).isQuiet(Long.MAX_VALUE)).as("no age limit").isFalse();
    }

    @Test
    void onRecordTimeARecordThatArrivedTheAgeAfterTheFirstStartsTheNextBatch() {
        RecordBuffer buffer = new RecordBuffer(1000, 5_000);
        assertThat(buffer.isDueBefore(Long.MAX_VALUE)).as("empty is never due").isFalse();
        buffer.add(text("a"), "1", 0, 100_000, 0);
        buffer.add(text("b"), "2", 0, 104_999, Long.MAX_VALUE / 2);
        assertThat(buffer.isDueBefore(104_999)).as("the local clock plays no part").isFalse();
        assertThat(buffer.isDueBefore(105_000)).isTrue();
    }

    @Test
    void aBatchCarriesItsFirstRecordsArrivalTimeAndTheNextBatchItsOwn() {
        RecordBuffer buffer = new RecordBuffer(1000, 0);
        buffer.add(text("a"), "1", 0, 100_000, 0);
        buffer.add(text("b"), "2", 0, 200_000, 0);
        assertThat(buffer.drain().firstArrival()).isEqualTo(java.time.Instant.ofEpochSecond(100));
        buffer.add(text("c"), "3", 0, 300_000, 0);
        assertThat(buffer.drain().firstArrival()).isEqualTo(java.time.Instant.ofEpochSecond(300));
    }

    @Test
    void ageZeroMeansSizeOnly() {
        RecordBuffer buffer = new RecordBuffer(1000, 0);
        buffer.add(text("a"), "1", 0, 0, 0);
        assertThat(buffer.isDue(Long.MAX_VALUE)).isFalse();
        assertThat(buffer.isDueBefore(Long.MAX_VALUE)).isFalse();
    }

    @Test
    void drainingAnEmptyBufferIsABug() {
        assertThatThrownBy(() -> new RecordBuffer(10, 0).drain()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void clearDropsEverything() {
        RecordBuffer buffer = new RecordBuffer(10, 0);
        buffer.add(text("a"), "1", 0, 0, 0);
        buffer.clear();
        assertThat(buffer.isEmpty()).isTrue();
        assertThat(buffer.size()).isZero();
    }
}
