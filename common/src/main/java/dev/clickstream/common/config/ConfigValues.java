package dev.clickstream.common.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Typed values of a parsed configuration. */
public final class ConfigValues {
    private final Map<ConfigKey<?>, Object> values;
    private final Set<String> given;

    ConfigValues(Map<ConfigKey<?>, Object> values, Set<String> given) {
        this.values = values;
        this.given = Set.copyOf(given);
    }

    @SuppressWarnings("unchecked")
    public <T> T get(ConfigKey<T> key) {
        if (!values.containsKey(key)) {
            throw new IllegalArgumentException("key not part of this configuration: " + key.name());
        }
        return (T) values.get(key);
    }

    /** Whether the user gave the key a value (rather than it taking its default). */
    public boolean isSet(ConfigKey<?> key) {
        return given.contains(key.name());
    }

    /** "key = value" lines for the start-up log, with sensitive values masked. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        values.entrySet().stream()
                .sorted(Map.Entry.comparingByKey((a, b) -> a.name().compareTo(b.name())))
                .forEach(e -> {
                    ConfigKey key = e.getKey();
                    Object value = e.getValue();
                    lines.add(key.name() + " = " + (value == null ? "" : key.format(value)));
                });
        return lines;
    }
}
