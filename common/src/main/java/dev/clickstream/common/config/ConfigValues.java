package dev.clickstream.common.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Typed values of a parsed configuration, by key name: any {@link ConfigKey} with the name of a
 * defined key reads its value, so a key need not be the very instance the definition holds.
 */
public final class ConfigValues {
    private final Map<String, ConfigKey<?>> keys;
    private final Map<String, Object> values;
    private final Set<String> given;

    ConfigValues(Map<ConfigKey<?>, Object> parsed, Set<String> given) {
        this.keys = new HashMap<>();
        this.values = new HashMap<>();
        parsed.forEach((key, value) -> {
            keys.put(key.name(), key);
            values.put(key.name(), value);
        });
        this.given = Set.copyOf(given);
    }

    @SuppressWarnings("unchecked")
    public <T> T get(ConfigKey<T> key) {
        if (!values.containsKey(key.name())) {
            throw new IllegalArgumentException("key not part of this configuration: " + key.name());
        }
        return (T) values.get(key.name());
    }

    /** Whether the user gave the key a value (rather than it taking its default). */
    public boolean isSet(ConfigKey<?> key) {
        return given.contains(key.name());
    }

    /** "key = value" lines for the start-up log, with sensitive values masked. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        new TreeMap<>(values).forEach((name, value) -> {
            ConfigKey key = keys.get(name);
            lines.add(name + " = " + (value == null ? "" : key.format(value)));
        });
        return lines;
    }
}
