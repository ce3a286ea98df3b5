package dev.clickstream.common.config;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The ordered set of keys an application understands, and the parsing of raw text into typed values. */
public final class ConfigDef {
    private final Map<String, ConfigKey<?>> keys;

    private ConfigDef(Map<String, ConfigKey<?>> keys) {
        this.keys = Collections.unmodifiableMap(keys);
    }

    public static ConfigDef of(ConfigKey<?>... keys) {
        return new ConfigDef(new LinkedHashMap<>()).with(keys);
    }

    public ConfigDef with(ConfigKey<?>... more) {
        Map<String, ConfigKey<?>> all = new LinkedHashMap<>(keys);
        for (ConfigKey<?> key : more) {
            if (all.putIfAbsent(key.name(), key) != null) {
                throw new IllegalArgumentException("key defined twice: " + key.name());
            }
        }
        return new ConfigDef(all);
    }

    public Collection<ConfigKey<?>> keys() {
        return keys.values();
    }

    public Optional<ConfigKey<?>> key(String name) {
        return Optional.ofNullable(keys.get(name));
    }

    public boolean contains(String name) {
        return keys.containsKey(name);
    }

    /**
     * Parses raw text by key name. Names this definition does not know are ignored here (the
     * loader decides whether they are errors). An empty value counts as not given: the key takes
     * its default, or is reported missing when it is required.
     */
    public ConfigValues parse(Map<String, String> raw) {
        Map<ConfigKey<?>, Object> values = new HashMap<>();
        Set<String> given = new HashSet<>();
        for (ConfigKey<?> key : keys.values()) {
            String text = raw.get(key.name());
            text = text == null ? "" : text.trim();
            if (text.isEmpty()) {
                if (key.isRequired()) {
                    throw new ConfigException(key.name(), "is required but was not set");
                }
                values.put(key, key.defaultValue());
            } else {
                values.put(key, key.parse(text));
                given.add(key.name());
            }
        }
        return new ConfigValues(values, given);
    }
}
