package dev.clickstream.consumer.archive;

import dev.clickstream.archive.layout.Compression;
import dev.clickstream.archive.layout.TimePrefix;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class S3KeyNamerTest {
    private static final Batch BATCH = new Batch("4954154", "4954200", 0, 2, new byte[0], 0,
            Instant.parse("2026-12-02T07:59:59.999Z"));

    @Test
    void exactlyTheOriginalKeyWithoutPrefixOrCompression() {
        assertThat(new S3KeyNamer("", TimePrefix.NONE, Compression.NONE).key("shardId-000000000000", BATCH))
                .isEqualTo("shardId-000000000000/4954154-4954200");
    }

    @Test
    void edgesInsideAnAggregateNameTheirSubSequenceSoTheBatchesOfOneAggregateDoNotShareAKey() {
        S3KeyNamer namer = new S3KeyNamer("", TimePrefix.NONE, Compression.NONE);
        Batch middle = new Batch("4954154", 1000, "4954154", 1999, 1000, new byte[0], 0, Instant.EPOCH, null);
        Batch next = new Batch("4954154", 2000, "4954154", 2999, 1000, new byte[0], 0, Instant.EPOCH, null);
        assertThat(namer.key("s", middle)).isEqualTo("s/4954154_1000-4954154_1999");
        assertThat(namer.key("s", next)).isEqualTo("s/4954154_2000-4954154_2999");
    }

    @Test
    void prefixAndGzipSuffix() {
        assertThat(new S3KeyNamer("clicks/", TimePrefix.NONE, Compression.GZIP).key("shardId-000000000001", BATCH))
                .isEqualTo("clicks/shardId-000000000001/4954154-4954200.gz");
    }

    @Test
    void timePrefixFromTheFirstRecordsArrivalInUtcBetweenPrefixAndShard() {
        S3KeyNamer namer = new S3KeyNamer("clicks/", TimePrefix.parse("yyyy/MM/dd/HH/"), Compression.GZIP);
        assertThat(namer.key("shardId-000000000001", BATCH))
                .isEqualTo("clicks/2026/12/02/07/shardId-000000000001/4954154-4954200.gz");
    }

    @Test
    void aReplayedBatchGetsTheSameTimePrefixWhateverTheClockSays() {
        S3KeyNamer namer = new S3KeyNamer("", TimePrefix.parse("'dt='yyyy-MM-dd'/'"), Compression.NONE);
        assertThat(namer.key("s", BATCH)).isEqualTo(namer.key("s", BATCH)).isEqualTo("dt=2026-12-02/s/4954154-4954200");
    }

    @Test
    void gzipBodyDecompressesToTheBatch() throws Exception {
        byte[] data = "a\nb\n".getBytes();
        byte[] gz = S3BatchUploader.gzip(data, data.length);
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }
}
