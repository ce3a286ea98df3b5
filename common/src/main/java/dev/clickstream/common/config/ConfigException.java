package dev.clickstream.common.config;

/**
 * A configuration mistake made by the user: a bad value, an unknown key, an unreadable file.
 * The message is one line and names the key, so the CLI can print it as is and exit with 2.
 */
public final class ConfigException extends RuntimeException {
    private final String key;

    public ConfigException(String key, String message) {
        super(key == null ? message : key + ": " + message);
        this.key = key;
    }

    public static ConfigException general(String message) {
        return new ConfigException(null, message);
    }

    /** The key the problem is about, or null when it is about the configuration as a whole. */
    public String key() {
        return key;
    }
}
