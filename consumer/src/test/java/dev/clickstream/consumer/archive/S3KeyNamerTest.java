package dev.clickstream.consumer.archive;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class S3KeyNamerTest {
    private static final Batch BATCH = new Batch("4954154", "4954200", 0, 2, new byte[0], 0);

    @Test
    void exactlyTheOriginalKeyWithoutPrefixOrCompression() {
        assertThat(new S3KeyNamer("", Compression.NONE).key("shardId-000000000000", BATCH))
                .isEqualTo("shardId-000000000000/4954154-4954200");
    }

    @Test
    void prefixAndGzipSuffix() {
        assertThat(new S3KeyNamer("clicks/", Compression.GZIP).key("shardId-000000000001", BATCH))
                .isEqualTo("clicks/shardId-000000000001/4954154-4954200.gz");
    }

    @Test
    void gzipBodyDecompressesToTheBatch() throws Exception {
        byte[] data = "a\nb\n".getBytes();
        byte[] gz = S3BatchUploader.gzip(new Batch("1", "2", 0, 2, data, data.length));
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }
}
