package dev.clickstream.common.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a configuration from, in rising precedence: the keys' defaults, a properties file, the
 * environment ({@code CLICKSTREAM_<KEY>}), and explicit overrides (the CLI options).
 */
public final class ConfigLoader {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);
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
            ConfigKey<?> key = def.key(e.getKey()).orElseThrow();
            if (e.getValue().isBlank() && !key.defaultText().isEmpty()) {
                // an empty option would silently mean the default; leave the option out for that
                throw new ConfigException(e.getKey(), "must not be empty (leave " + key.optionName()
                        + " out to use the value from the file, the environment or the default)");
            }
            raw.put(e.getKey(), e.getValue());
        }
        return new Loaded(def.parse(raw), List.copyOf(unknown));
    }

    /** A config file larger than this is refused: properties files are a few KB. */
    public static final long MAX_FILE_BYTES = 1024 * 1024;

    /**
     * Reads a properties file in UTF-8, keeping the file's key order; errors name the file. Only a
     * regular file of at most {@link #MAX_FILE_BYTES} is read (never a device or pipe, which could
     * hang or never end). A file that is not valid UTF-8 is refused naming the line, rather than
     * read as ISO-8859-1 as {@link Properties#load(java.io.InputStream)} would: that would silently
     * turn a UTF-8 value saved in another encoding into different text. A key given twice is a
     * warning naming both lines; the later line wins, as in {@link Properties}.
     */
    public static Map<String, String> readProperties(Path path) {
        String text = readText(path);
        Map<String, String> ordered = new LinkedHashMap<>();
        Properties props = new Properties() {
            @Override
            public synchronized Object put(Object key, Object value) {
                ordered.put((String) key, ((String) value).trim());
                return super.put(key, value);
            }
        };
        try {
            props.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw ConfigException.general("cannot read config file " + path + ": " + e.getMessage());
        }
        PropertiesLines.duplicates(text).forEach(d -> {
            String warning = "warning: key " + d.key() + " is set twice in " + path + ", on line " + d.firstLine()
                    + " and on line " + d.secondLine() + "; line " + d.secondLine() + " wins";
            LOG.warn(warning);
            System.err.println(warning);
        });
        return ordered;
    }

    private static String readText(Path path) {
        if (Files.isDirectory(path)) {
            throw ConfigException.general("cannot read config file " + path + ": it is a directory");
        }
        byte[] bytes;
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                throw ConfigException.general("cannot read config file " + path
                        + ": not a regular file (a device, a pipe or a socket)");
            }
            if (attributes.size() > MAX_FILE_BYTES) {
                throw ConfigException.general("cannot read config file " + path + ": " + attributes.size()
                        + " bytes is too large for a properties file (max " + MAX_FILE_BYTES + ")");
            }
            try (InputStream in = Files.newInputStream(path)) {
                bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
            }
        } catch (NoSuchFileException e) {
            throw ConfigException.general("cannot read config file " + path + ": no such file");
        } catch (AccessDeniedException e) {
            throw ConfigException.general("cannot read config file " + path + ": permission denied");
        } catch (IOException e) {
            throw ConfigException.general("cannot read config file " + path + ": " + e.getMessage());
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw ConfigException.general("cannot read config file " + path + ": too large for a properties file (max "
                    + MAX_FILE_BYTES + " bytes)");
        }
        return PropertiesLines.decodeUtf8(bytes, line -> ConfigException.general("cannot read config file "
                + path + ": line " + line + " is not valid UTF-8 (save the file as UTF-8)"));
    }
}
