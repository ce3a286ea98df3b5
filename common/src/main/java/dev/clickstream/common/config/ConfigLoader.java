package dev.clickstream.common.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Builds a configuration from, in rising precedence: the keys' defaults, a properties file, the
 * environment ({@code CLICKSTREAM_<KEY>}), and explicit overrides (the CLI options).
 */
public final class ConfigLoader {
    public static final String ENV_PREFIX = "CLICKSTREAM_";

    /** What to do with a key in the file that the definition does not know. */
    public enum UnknownKeys { REJECT, WARN }

    /** The parsed values, and the unknown keys that were let through with a warning. */
    public record Loaded(ConfigValues values, List<String> unknownKeys) {}

    private final ConfigDef def;
    private Path file;
    private Map<String, String> environment = Map.of();
    private Map<String, String> overrides = Map.of();
    private Map<String, String> aliases = Map.of();
    private UnknownKeys unknownKeys = UnknownKeys.REJECT;

    private ConfigLoader(ConfigDef def) {
        this.def = def;
    }

    public static ConfigLoader of(ConfigDef def) {
        return new ConfigLoader(def);
    }

    public ConfigLoader file(Path path) {
        this.file = path;
        return this;
    }

    public ConfigLoader environment(Map<String, String> env) {
        this.environment = Map.copyOf(env);
        return this;
    }

    public ConfigLoader overrides(Map<String, String> values) {
        this.overrides = Map.copyOf(values);
        return this;
    }

    /** Other names accepted for a key in the file, e.g. an older spelling: alias → key name. */
    public ConfigLoader aliases(Map<String, String> aliasToKey) {
        this.aliases = Map.copyOf(aliasToKey);
        return this;
    }

    public ConfigLoader unknownKeys(UnknownKeys mode) {
        this.unknownKeys = mode;
        return this;
    }

    public Loaded load() {
        Map<String, String> raw = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        if (file != null) {
            for (Map.Entry<String, String> e : readProperties(file).entrySet()) {
                String name = aliases.getOrDefault(e.getKey(), e.getKey());
                if (def.contains(name)) {
                    raw.put(name, e.getValue());
                } else {
                    unknown.add(e.getKey());
                }
            }
        }
        if (!unknown.isEmpty() && unknownKeys == UnknownKeys.REJECT) {
            throw new ConfigException(unknown.get(0), "unknown key in " + file);
        }
        for (ConfigKey<?> key : def.keys()) {
            String fromEnv = environment.get(key.envName(ENV_PREFIX));
            if (fromEnv != null) {
                raw.put(key.name(), fromEnv);
            }
        }
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            if (!def.contains(e.getKey())) {
                throw new ConfigException(e.getKey(), "unknown key");
            }
            raw.put(e.getKey(), e.getValue());
        }
        return new Loaded(def.parse(raw), List.copyOf(unknown));
    }

    /** Reads a properties file in UTF-8, keeping the file's key order; errors name the file. */
    public static Map<String, String> readProperties(Path path) {
        if (Files.isDirectory(path)) {
            throw ConfigException.general("cannot read config file " + path + ": it is a directory");
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        Properties props = new Properties() {
            @Override
            public synchronized Object put(Object key, Object value) {
                ordered.put((String) key, ((String) value).trim());
                return super.put(key, value);
            }
        };
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (NoSuchFileException e) {
            throw ConfigException.general("cannot read config file " + path + ": no such file");
        } catch (AccessDeniedException e) {
            throw ConfigException.general("cannot read config file " + path + ": permission denied");
        } catch (IOException | IllegalArgumentException e) {
            throw ConfigException.general("cannot read config file " + path + ": " + e.getMessage());
        }
        return ordered;
    }
}
