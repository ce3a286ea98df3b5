package dev.clickstream.tools.delete;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/** What to delete, by name. Lists keep their first-seen order and hold no duplicates. */
public record ResourceNames(List<String> streams, List<String> leaseTables, List<String> countsTables,
                            Optional<String> bucket) {

    public ResourceNames {
        streams = distinct(streams);
        leaseTables = distinct(leaseTables);
        countsTables = distinct(countsTables);
    }

    public static ResourceNames none() {
        return new ResourceNames(List.of(), List.of(), List.of(), Optional.empty());
    }

    /** The resources the applications create when nothing else is configured. */
    public static ResourceNames defaults() {
        return new ResourceNames(List.of(DefaultNames.STREAM),
                List.of(DefaultNames.ARCHIVER_APPLICATION, DefaultNames.COUNTER_APPLICATION),
                List.of(DefaultNames.COUNTS_TABLE), Optional.of(DefaultNames.BUCKET));
    }

    public boolean isEmpty() {
        return streams.isEmpty() && leaseTables.isEmpty() && countsTables.isEmpty() && bucket.isEmpty();
    }

    /** Both sets of names; {@code other}'s bucket wins when both name one. */
    public ResourceNames plus(ResourceNames other) {
        return new ResourceNames(concat(streams, other.streams), concat(leaseTables, other.leaseTables),
                concat(countsTables, other.countsTables), other.bucket.or(() -> bucket));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static List<String> distinct(List<String> names) {
        return List.copyOf(new LinkedHashSet<>(names));
    }
}
