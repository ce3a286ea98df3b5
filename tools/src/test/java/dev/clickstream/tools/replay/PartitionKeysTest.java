package dev.clickstream.tools.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.tools.archive.ArchiveRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PartitionKeysTest {

    private static ArchiveRecord raw(String data) {
        return ArchiveRecord.raw("shardId-0", data.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theArchivesKeyThenTheFieldThenRandom() {
        PartitionKeys keys = new PartitionKeys(Optional.of("resource"));
        ArchiveRecord parquetRow = new ArchiveRecord("shardId-0", Optional.empty(), OptionalLong.of(0),
                Optional.of("kept"), Optional.of(Instant.EPOCH), "{\"resource\":\"/a\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(keys.keyOf(parquetRow)).isEqualTo("kept");
        assertThat(keys.keyOf(raw("{\"referrer\":{\"x\":1},\"resource\":\"/home\"}"))).isEqualTo("/home");
        assertThat(keys.keyOf(raw("{\"resource\":null}"))).isNotEmpty();
        assertThat(keys.keyOf(raw("not json"))).isNotEmpty();
        assertThat(keys.keyOf(raw("{\"resource\":42}"))).isEqualTo("42");
        assertThat(keys.summary()).isEqualTo("partition keys: 1 from the archive, 2 from field resource, "
                + "2 random (no field resource)");
    }

    @Test
    void withoutAFieldEveryRawRecordGetsARandomKey() {
        PartitionKeys keys = new PartitionKeys(Optional.empty());
        assertThat(keys.keyOf(raw("{\"resource\":\"/a\"}"))).isNotEqualTo("/a");
        assertThat(keys.summary()).isEqualTo("partition keys: 1 random");
    }
}
