package dev.clickstream.archive.layout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.archive.layout.ArchiveKey.Position;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArchiveKeyTest {
    private static final String SHARD = "shardId-000000000000";

    @Test
    void theOriginalKeyParses() {
        ArchiveKey key = ArchiveKey.parse("", SHARD + "/123-456").orElseThrow();

        assertThat(key.shardId()).isEqualTo(SHARD);
        assertThat(key.first()).isEqualTo(new Position("123", 0));
        assertThat(key.last()).isEqualTo(new Position("456", 0));
        assertThat(key.extension()).isEmpty();
        assertThat(key.partitions()).isEmpty();
        assertThat(key.format(false)).isEqualTo(SHARD + "/123-456");
    }

    @Test
    void aPartitionedParquetKeyRoundTrips() {
        ArchiveKey key = new ArchiveKey("clicks/", List.of(new HivePartition("resource", "a/b"),
                new HivePartition("dt", "2026-12-06"), new HivePartition("hour", "04")), List.of(), SHARD,
                new Position("123", 2), new Position("456", 0), ".parquet");

        String text = key.format(true);

        assertThat(text).isEqualTo("clicks/resource=a%2Fb/dt=2026-12-06/hour=04/" + SHARD + "/123_2-456.parquet");
        assertThat(ArchiveKey.parse("clicks/", text)).contains(key);
        assertThat(key.format(false)).endsWith("/123-456.parquet");
    }

    @Test
    void plainTimeSegmentsAndGzip() {
        ArchiveKey key = ArchiveKey.parse("p/", "p/2026/12/06/04/" + SHARD + "/1-2.json.gz").orElseThrow();

        assertThat(key.timeSegments()).containsExactly("2026", "12", "06", "04");
        assertThat(key.extension()).isEqualTo(".json.gz");
    }

    @Test
    void otherKeysAreNotArchiveObjects() {
        assertThat(ArchiveKey.parse("p/", "q/" + SHARD + "/1-2")).isEmpty();
        assertThat(ArchiveKey.parse("", "README")).isEmpty();
        assertThat(ArchiveKey.parse("", SHARD + "/x-2")).isEmpty();
        assertThat(ArchiveKey.parse("", "a//" + SHARD + "/1-2")).isEmpty();
    }

    @Test
    void positionsOrderNumerically() {
        assertThat(new Position("99", 0)).isLessThan(new Position("100", 0));
        assertThat(new Position("100", 1)).isGreaterThan(new Position("100", 0));
    }
}
