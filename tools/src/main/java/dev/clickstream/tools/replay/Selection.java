package dev.clickstream.tools.replay;

import dev.clickstream.tools.archive.ArchiveListing;
import dev.clickstream.tools.archive.ArchiveRecord;
import dev.clickstream.tools.archive.ArchivedObject;
import dev.clickstream.tools.archive.TimeSegments;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What to replay: a record-time range [from, to) and source shards (empty: all). A Parquet row
 * carries its arrival time and is selected by it. A raw object knows only the time its time
 * prefix names (its first record's arrival, at the pattern's resolution), or without a time
 * prefix the time it was uploaded, and is selected whole by that time.
 */
record Selection(Optional<Instant> from, Optional<Instant> to, Set<String> shards) {

    /** An object of the archive with the time it is dated by. */
    record Dated(ArchivedObject object, Instant time) {}

    Selection {
        shards = Set.copyOf(new TreeSet<>(shards));
    }

    boolean isEmptyRange() {
        return from.isPresent() && to.isPresent() && !from.get().isBefore(to.get());
    }

    /** The objects to read, per shard in sequence order (the order to put them in). */
    List<Dated> select(ArchiveListing listing, TimeSegments timePrefix) {
        return listing.objects().stream()
                .filter(o -> shards.isEmpty() || shards.contains(o.shardId()))
                .map(o -> new Dated(o, timePrefix.instantOf(o.directory())
                        .orElseGet(() -> listing.uploaded().getOrDefault(o.key(), Instant.EPOCH))))
                .filter(d -> to.isEmpty() || d.time().isBefore(to.get()))
                // rows with their own time are filtered one by one; they may be later than their object's time
                .filter(d -> from.isEmpty() || hasRecordTimes(d.object()) || !d.time().isBefore(from.get()))
                .sorted(Comparator.comparing((Dated d) -> d.object().shardId())
                        .thenComparing(d -> d.object().first()).thenComparing(d -> d.object().last()))
                .toList();
    }

    boolean accepts(ArchiveRecord record) {
        if (record.arrival().isEmpty()) {
            return true; // its object was selected by its own time
        }
        Instant t = record.arrival().get();
        return (from.isEmpty() || !t.isBefore(from.get())) && (to.isEmpty() || t.isBefore(to.get()));
    }

    private static boolean hasRecordTimes(ArchivedObject o) {
        return o.encoding() == ArchivedObject.Encoding.PARQUET;
    }

    /** For messages and the state file. */
    String describe() {
        return "from " + from.map(Instant::toString).orElse("the start") + " to " + to.map(Instant::toString)
                .orElse("the end") + ", shards " + (shards.isEmpty() ? "all" : String.join(",", new TreeSet<>(shards)));
    }
}
