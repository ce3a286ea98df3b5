package dev.clickstream.tools.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.tools.archive.ArchiveListing;
import dev.clickstream.tools.archive.ArchivedObject;
import dev.clickstream.tools.archive.TimeSegments;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SelectionTest {
    private static final List<String> KEYS = List.of("2026/12/02/09/shardId-1/30-39", "2026/12/02/08/shardId-1/20-29",
            "2026/12/02/07/shardId-0/1-9", "2026/12/02/08/shardId-0/10-19", "other/readme");

    private static List<String> selected(Selection selection) {
        ArchiveListing listing = new ArchiveListing(KEYS.stream().flatMap(k -> ArchivedObject.parse(k, "").stream())
                .toList(), List.of(), Map.of());
        return selection.select(listing, TimeSegments.parse("yyyy/MM/dd/HH/")).stream()
                .map(d -> d.object().key()).toList();
    }

    @Test
    void objectsAreSelectedByTheTimeTheirPrefixNamesAndByShardInShardAndSequenceOrder() {
        assertThat(selected(new Selection(Optional.empty(), Optional.empty(), Set.of()))).containsExactly(
                "2026/12/02/07/shardId-0/1-9", "2026/12/02/08/shardId-0/10-19", "2026/12/02/08/shardId-1/20-29",
                "2026/12/02/09/shardId-1/30-39");
        assertThat(selected(new Selection(Optional.of(Instant.parse("2026-12-02T08:00:00Z")),
                Optional.of(Instant.parse("2026-12-02T09:00:00Z")), Set.of())))
                .containsExactly("2026/12/02/08/shardId-0/10-19", "2026/12/02/08/shardId-1/20-29");
        assertThat(selected(new Selection(Optional.empty(), Optional.empty(), Set.of("shardId-1"))))
                .containsExactly("2026/12/02/08/shardId-1/20-29", "2026/12/02/09/shardId-1/30-39");
    }

    @Test
    void anEmptyRangeIsOneWhoseStartIsNotBeforeItsEnd() {
        Instant t = Instant.parse("2026-12-02T08:00:00Z");
        assertThat(new Selection(Optional.of(t), Optional.of(t), Set.of()).isEmptyRange()).isTrue();
        assertThat(new Selection(Optional.of(t), Optional.empty(), Set.of()).isEmptyRange()).isFalse();
    }
}
