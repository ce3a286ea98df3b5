package dev.clickstream.common.config;

/** Turns the text of a configuration value into a typed value, or explains why it cannot. */
@FunctionalInterface
public interface ValueParser<T> {
    /**
     * @param text the trimmed, non-empty text of the value
     * @throws IllegalArgumentException with a message that says what was expected
     */
    T parse(String text);
}
