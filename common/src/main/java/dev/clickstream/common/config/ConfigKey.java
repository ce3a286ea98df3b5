package dev.clickstream.common.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One configuration key: its name in the file, how its text becomes a value, its default, the
 * checks it must pass and its documentation. The same definition drives the properties file, the
 * environment variable and the generated CLI option, so the three can never disagree.
 *
 * <p>Instances are immutable; the fluent methods return a new key.
 */
public final class ConfigKey<T> {
    private final String name;
    private final ValueParser<T> parser;
    private final T defaultValue;
    private static final String BOOLEAN_LABEL = "true|false";
    private final boolean required;
    /** What is shown for a sensitive value; null when the value is not sensitive. */
    private final Function<T, String> mask;
    private final String doc;
    private final String valueLabel;
    private final List<Check<T>> checks;
    private final Function<T, String> display;

    private record Check<T>(Predicate<T> test, String requirement) {}

    private ConfigKey(String name, ValueParser<T> parser, T defaultValue, boolean required, Function<T, String> mask,
                      String doc, String valueLabel, List<Check<T>> checks, Function<T, String> display) {
        this.name = Objects.requireNonNull(name);
        this.parser = Objects.requireNonNull(parser);
        this.defaultValue = defaultValue;
        this.required = required;
        this.mask = mask;
        this.doc = doc;
        this.valueLabel = valueLabel;
        this.checks = List.copyOf(checks);
        this.display = display;
    }

    public static <T> ConfigKey<T> of(String name, ValueParser<T> parser, T defaultValue, String valueLabel) {
        return new ConfigKey<>(name, parser, defaultValue, false, null, "", valueLabel, List.of(), String::valueOf);
    }

    public static ConfigKey<String> string(String name, String defaultValue) {
        return of(name, text -> text, defaultValue, "TEXT");
    }

    public static ConfigKey<Integer> integer(String name, Integer defaultValue) {
        return of(name, ConfigKey::parseInt, defaultValue, "N");
    }

    public static ConfigKey<Long> longInteger(String name, Long defaultValue) {
        return of(name, ConfigKey::parseLong, defaultValue, "N");
    }

    public static ConfigKey<Boolean> bool(String name, Boolean defaultValue) {
        return of(name, ConfigKey::parseBoolean, defaultValue, BOOLEAN_LABEL);
    }

    /** A duration such as {@code 30s}, {@code 5m}, {@code 250ms} or ISO-8601 {@code PT30S}. */
    public static ConfigKey<Duration> duration(String name, Duration defaultValue) {
        return new ConfigKey<>(name, Durations::parse, defaultValue, false, null, "", "DURATION",
                List.of(), Durations::format);
    }

    /** An enum value, matched without regard to case. */
    public static <E extends Enum<E>> ConfigKey<E> enumeration(String name, Class<E> type, E defaultValue) {
        String choices = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining("|"));
        return of(name, text -> parseEnum(type, text), defaultValue, choices);
    }

    /**
     * An http(s) endpoint URL. An empty value means "none" (use AWS's own endpoint), which is why
     * the type is Optional and the default is empty.
     */
    public static ConfigKey<Optional<URI>> endpoint(String name) {
        return new ConfigKey<>(name, text -> Optional.of(parseEndpoint(text)), Optional.empty(), false, null, "",
                "URL", List.of(), value -> value.map(URI::toString).orElse(""));
    }

    public ConfigKey<T> doc(String newDoc) {
        return new ConfigKey<>(name, parser, defaultValue, required, mask, newDoc, valueLabel, checks, display);
    }

    public ConfigKey<T> label(String newLabel) {
        return new ConfigKey<>(name, parser, defaultValue, required, mask, doc, newLabel, checks, display);
    }

    /** The key has no default: leaving it out is an error. */
    public ConfigKey<T> required() {
        return new ConfigKey<>(name, parser, null, true, mask, doc, valueLabel, checks, display);
    }

    /** The value may hold a secret: it is never echoed in errors, help or logs. */
    public ConfigKey<T> sensitive() {
        return sensitive(value -> "****");
    }

    /** As {@link #sensitive()}, but logs show {@code shown(value)}, which must leave the secret out. */
    public ConfigKey<T> sensitive(Function<T, String> shown) {
        return new ConfigKey<>(name, parser, defaultValue, required, shown, doc, valueLabel, checks, display);
    }

    /** Adds a check; {@code requirement} completes "must ..." in the error message. */
    public ConfigKey<T> check(Predicate<T> test, String requirement) {
        List<Check<T>> more = new ArrayList<>(checks);
        more.add(new Check<>(test, requirement));
        return new ConfigKey<>(name, parser, defaultValue, required, mask, doc, valueLabel, more, display);
    }

    public String name() {
        return name;
    }

    public String doc() {
        return doc;
    }

    public String valueLabel() {
        return valueLabel;
    }

    /** Whether the value is true or false, so that a bare command-line flag can stand for true. */
    public boolean isBoolean() {
        return BOOLEAN_LABEL.equals(valueLabel);
    }

    public boolean isRequired() {
        return required;
    }

    public boolean isSensitive() {
        return mask != null;
    }

    public T defaultValue() {
        return defaultValue;
    }

    /** The default as it would be written in the file, for help texts. */
    public String defaultText() {
        if (required) {
            return "(required)";
        }
        if (defaultValue == null) {
            return "";
        }
        return display.apply(defaultValue);
    }

    public String format(T value) {
        return mask != null ? mask.apply(value) : display.apply(value);
    }

    /**
     * The CLI option for this key: {@code putRecordsTps} becomes {@code --put-records-tps}. An
     * acronym stays one word, so {@code dynamoDBEndpoint} becomes {@code --dynamo-db-endpoint} and
     * {@code AwsCredentialsProvider} becomes {@code --aws-credentials-provider}.
     */
    public String optionName() {
        StringBuilder out = new StringBuilder("--");
        char[] chars = name.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if (Character.isUpperCase(c)) {
                boolean afterWord = i > 0 && (Character.isLowerCase(chars[i - 1]) || Character.isDigit(chars[i - 1]));
                boolean endsAcronym = i > 0 && Character.isUpperCase(chars[i - 1])
                        && i + 1 < chars.length && Character.isLowerCase(chars[i + 1]);
                if (afterWord || endsAcronym) {
                    out.append('-');
                }
                out.append(Character.toLowerCase(c));
            } else if (c == '.' || c == '_') {
                out.append('-');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The environment variable for this key: {@code s3.bucket} becomes {@code CLICKSTREAM_S3_BUCKET}. */
    public String envName(String prefix) {
        return prefix + optionName().substring(2).replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /** Parses and checks the text given for this key. Throws ConfigException naming the key. */
    T parse(String text) {
        T value;
        try {
            value = parser.parse(text);
        } catch (OutOfRange e) {
            throw new ConfigException(name, outOfRange(e) + (isSensitive() ? "" : ", got '" + text + "'"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, e.getMessage() + (isSensitive() ? "" : ", got '" + text + "'"));
        }
        for (Check<T> check : checks) {
            if (!check.test().test(value)) {
                throw new ConfigException(name, "must " + check.requirement()
                        + (isSensitive() ? "" : ", got '" + text + "'"));
            }
        }
        return value;
    }

    /**
     * A number too large for its type: the key's own range when a check rejects the type's limit
     * ("out of range: must be between 1 and 10000"), else the type's limit.
     */
    @SuppressWarnings("unchecked")
    private String outOfRange(OutOfRange e) {
        for (Check<T> check : checks) {
            try {
                if (!check.test().test((T) e.limit)) {
                    return "out of range: must " + check.requirement();
                }
            } catch (ClassCastException notThisType) {
                break;
            }
        }
        return e.getMessage();
    }

    /** A whole number beyond its type's limits. */
    static final class OutOfRange extends IllegalArgumentException {
        final transient Object limit;

        OutOfRange(Object limit) {
            super("out of range (" + (limit.toString().startsWith("-") ? "min " : "max ") + limit + ")");
            this.limit = limit;
        }
    }

    @Override
    public String toString() {
        return name;
    }

    // ---- parsers shared by the factory methods ----

    private static final java.util.regex.Pattern WHOLE_NUMBER = java.util.regex.Pattern.compile("[-+]?[0-9][0-9_]*");

    static int parseInt(String text) {
        try {
            return Integer.parseInt(text.replace("_", ""));
        } catch (NumberFormatException e) {
            if (WHOLE_NUMBER.matcher(text).matches()) {
                boolean negative = text.startsWith("-");
                throw new OutOfRange(negative ? Integer.MIN_VALUE : Integer.MAX_VALUE);
            }
            throw new IllegalArgumentException("must be a whole number");
        }
    }

    static long parseLong(String text) {
        try {
            return Long.parseLong(text.replace("_", ""));
        } catch (NumberFormatException e) {
            if (WHOLE_NUMBER.matcher(text).matches()) {
                boolean negative = text.startsWith("-");
                throw new OutOfRange(negative ? Long.MIN_VALUE : Long.MAX_VALUE);
            }
            throw new IllegalArgumentException("must be a whole number");
        }
    }

    static boolean parseBoolean(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        };
    }

    static <E extends Enum<E>> E parseEnum(Class<E> type, String text) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(text)) {
                return constant;
            }
        }
        String choices = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        throw new IllegalArgumentException("must be one of " + choices);
    }

    static URI parseEndpoint(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException("must be an http:// or https:// URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("must be an http:// or https:// URL with a host");
        }
    }
}
