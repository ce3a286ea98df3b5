package dev.clickstream.consumer.archive;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BatchRecordsTest {

    @Test
    void eachRecordsSequenceNumberAndPartitionKeyComeBackAsTheyWereAddedPastEveryGrowth() {
        BatchRecords.Builder builder = new BatchRecords.Builder();
        int n = 1000;
        for (int i = 0; i < n; i++) {
            // a partition key may be any Unicode, of any length up to 256
            String key = switch (i % 4) {
                case 0 -> "";
                case 1 -> "k" + i;
                case 2 -> "key-" + i + "-é-ключ-\uD83D\uDE00";
                default -> "x".repeat(256);
            };
            builder.add(10 * i + 9, "4968088195227911949195793609435404754575338510513654" + i, i % 3, key, 1000L + i);
        }
        BatchRecords kept = builder.build();

        assertThat(kept.size()).isEqualTo(n);
        for (int i = 0; i < n; i++) {
            assertThat(kept.sequence(i)).isEqualTo("4968088195227911949195793609435404754575338510513654" + i);
            assertThat(kept.subSequence(i)).isEqualTo(i % 3);
            assertThat(kept.arrival(i)).isEqualTo(1000L + i);
            assertThat(kept.start(i)).isEqualTo(i == 0 ? 0 : 10 * i);
            assertThat(kept.end(i)).isEqualTo(10 * i + 9);
        }
        assertThat(kept.partitionKey(0)).isEmpty();
        assertThat(kept.partitionKey(1)).isEqualTo("k1");
        assertThat(kept.partitionKey(6)).isEqualTo("key-6-é-ключ-\uD83D\uDE00");
        assertThat(kept.partitionKey(999)).isEqualTo("x".repeat(256));
    }

    @Test
    void theNextBatchsBuilderLeavesTheBatchBeforeAsItWas() {
        BatchRecords.Builder builder = new BatchRecords.Builder();
        for (int i = 0; i < 300; i++) {
            builder.add(i, "1" + i, 0, "k" + i, i);
        }
        BatchRecords before = builder.build();
        BatchRecords.Builder next = builder.next();
        next.add(5, "999", 7, "other", 99);

        BatchRecords after = next.build();
        assertThat(after.size()).isEqualTo(1);
        assertThat(after.sequence(0)).isEqualTo("999");
        assertThat(after.partitionKey(0)).isEqualTo("other");
        assertThat(before.size()).isEqualTo(300);
        assertThat(before.sequence(0)).isEqualTo("10");
        assertThat(before.partitionKey(0)).isEqualTo("k0");
        assertThat(before.subSequence(0)).isZero();
        assertThat(before.end(0)).isZero();
    }
}
