package dev.clickstream.tools.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.tools.archive.ArchivedObject.Encoding;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class ArchivedObjectTest {

    @Test
    void parsesPlainPrefixedTimePrefixedAndGzipKeys() {
        assertThat(ArchivedObject.parse("shardId-000000000001/49-51", "").orElseThrow())
                .isEqualTo(new ArchivedObject("shardId-000000000001/49-51", "shardId-000000000001",
                        BigInteger.valueOf(49), BigInteger.valueOf(51), Encoding.PLAIN, "", 0));
        ArchivedObject timed = ArchivedObject.parse("clicks/2026/12/02/07/shardId-000000000001/49-51.gz", "clicks/")
                .orElseThrow();
        assertThat(timed.shardId()).isEqualTo("shardId-000000000001");
        assertThat(timed.gzip()).isTrue();
        assertThat(timed.directory()).isEqualTo("2026/12/02/07/");
    }

    @Test
    void partitionSegmentsHiveTimeSegmentsAndExtensionsAreTolerated() {
        ArchivedObject o = ArchivedObject.parse(
                "clicks/resource=%2Fhome/dt=2026-12-02/hour=07/shardId-000000000001/49-51.json.gz", "clicks/")
                .orElseThrow();
        assertThat(o.shardId()).isEqualTo("shardId-000000000001");
        assertThat(o.directory()).isEqualTo("resource=%2Fhome/dt=2026-12-02/hour=07/");
        assertThat(o.encoding()).isEqualTo(Encoding.GZIP);
        assertThat(ArchivedObject.parse("shardId-0/1-2.parquet", "").orElseThrow().encoding())
                .isEqualTo(Encoding.PARQUET);
        assertThat(ArchivedObject.parse("shardId-0/1-2.json", "").orElseThrow().encoding()).isEqualTo(Encoding.PLAIN);
    }

    @Test
    void subSequenceNumbersAreReadWhereTheKeyNamesThem() {
        ArchivedObject o = ArchivedObject.parse("shardId-0/49_3-51_7.parquet", "").orElseThrow();
        assertThat(o.first()).isEqualTo(BigInteger.valueOf(49));
        assertThat(o.firstSub()).isEqualTo(3);
        assertThat(o.lastSub()).isEqualTo(7);
        ArchivedObject raw = ArchivedObject.parse("shardId-0/49-51", "").orElseThrow();
        assertThat(raw.firstSub()).isEqualTo(ArchivedObject.UNNAMED);
    }

    @Test
    void keysTheArchiverWouldNotWriteAreNotObjects() {
        assertThat(ArchivedObject.parse("clicks/readme.txt", "clicks/")).isEmpty();
        assertThat(ArchivedObject.parse("other/shardId-0/1-2", "clicks/")).isEmpty();
        assertThat(ArchivedObject.parse("shardId-0/9-2", "")).as("first after last").isEmpty();
    }
}
