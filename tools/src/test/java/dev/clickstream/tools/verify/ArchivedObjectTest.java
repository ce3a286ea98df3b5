package dev.clickstream.tools.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class ArchivedObjectTest {

    @Test
    void parsesPlainPrefixedTimePrefixedAndGzipKeys() {
        assertThat(ArchivedObject.parse("shardId-000000000001/49-51", "").orElseThrow())
                .isEqualTo(new ArchivedObject("shardId-000000000001/49-51", "shardId-000000000001",
                        BigInteger.valueOf(49), BigInteger.valueOf(51), false, 0));
        ArchivedObject timed = ArchivedObject.parse("clicks/2026/12/02/07/shardId-000000000001/49-51.gz", "clicks/")
                .orElseThrow();
        assertThat(timed.shardId()).isEqualTo("shardId-000000000001");
        assertThat(timed.gzip()).isTrue();
    }

    @Test
    void keysTheArchiverWouldNotWriteAreNotObjects() {
        assertThat(ArchivedObject.parse("clicks/readme.txt", "clicks/")).isEmpty();
        assertThat(ArchivedObject.parse("other/shardId-0/1-2", "clicks/")).isEmpty();
        assertThat(ArchivedObject.parse("shardId-0/9-2", "")).as("first after last").isEmpty();
    }
}
