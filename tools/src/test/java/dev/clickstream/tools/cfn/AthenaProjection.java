package dev.clickstream.tools.cfn;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where Athena looks for one partition of a Glue table with partition projection (the
 * {@code projection.*} and {@code storage.location.template} table properties), as Athena's
 * documentation describes it and Trino's {@code PartitionProjection}, written to be compatible,
 * implements it: each column's value is formatted by its projection type ({@code date} by its
 * format, {@code integer} padded to its digits, {@code enum} and {@code injected} as they are);
 * without a template the location is the Hive default, {@code Location/col=value/…/}, with names
 * and values escaped as Hive escapes path names; a template gets the values unescaped.
 */
final class AthenaProjection {
    /** A date range's relative bound: NOW, or NOW plus or minus an amount of a unit. */
    private static final Pattern RELATIVE_DATE =
            Pattern.compile("NOW(\\s*[+-]\\s*\\d+\\s*(YEAR|MONTH|WEEK|DAY|HOUR|MINUTE|SECOND)S?)?");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");
    /** Hive's FileUtils.escapePathName: control characters and these become %XX. */
    private static final String HIVE_ESCAPED = "\"#%'*/:=?\\\u007F{[]^";

    private AthenaProjection() {}

    /**
     * The partition's directory for these values of the partition columns (a String, or an
     * Integer for an integer projection); fails as Athena does on a value outside the projection.
     */
    static String location(JsonNode tableInput, Map<String, Object> values) {
        JsonNode properties = tableInput.path("Parameters");
        if (!properties.path("projection.enabled").asText().equals("true")) {
            throw new AssertionError("projection.enabled is not true");
        }
        List<String> columns = new ArrayList<>();
        List<String> projected = new ArrayList<>();
        tableInput.path("PartitionKeys").forEach(k -> {
            String column = k.path("Name").asText();
            if (!values.containsKey(column)) {
                throw new AssertionError("no value given for partition column " + column);
            }
            columns.add(column);
            projected.add(projected(properties, column, values.get(column)));
        });
        properties.fieldNames().forEachRemaining(name -> {
            String[] parts = name.split("\\.");
            if (parts[0].equals("projection") && parts.length > 2 && !columns.contains(parts[1])) {
                throw new AssertionError(name + ": " + parts[1] + " is no partition column");
            }
        });
        JsonNode template = properties.path("storage.location.template");
        if (!template.isMissingNode()) {
            Matcher m = PLACEHOLDER.matcher(template.asText());
            return m.replaceAll(r -> {
                int column = columns.indexOf(r.group(1));
                if (column < 0) {
                    throw new AssertionError("storage.location.template names ${" + r.group(1) + "}, no partition column");
                }
                return Matcher.quoteReplacement(projected.get(column));
            });
        }
        StringBuilder location = new StringBuilder(tableInput.path("StorageDescriptor").path("Location").asText());
        if (location.charAt(location.length() - 1) != '/') {
            location.append('/');
        }
        for (int i = 0; i < columns.size(); i++) {
            location.append(escape(columns.get(i))).append('=').append(escape(projected.get(i))).append('/');
        }
        return location.toString();
    }

    private static String projected(JsonNode properties, String column, Object value) {
        String prefix = "projection." + column + ".";
        String type = properties.path(prefix + "type").asText().trim().toLowerCase(Locale.ROOT);
        String text = String.valueOf(value);
        switch (type) {
            case "date" -> {
                // the column holds the ISO date; the projection must write and read it as such
                DateTimeFormatter format = DateTimeFormatter.ofPattern(properties.path(prefix + "format").asText(),
                        Locale.ENGLISH);
                for (String bound : properties.path(prefix + "range").asText().split(",", -1)) {
                    if (!RELATIVE_DATE.matcher(bound.trim()).matches()) {
                        format.parse(bound.trim()); // an absolute bound is written in the format
                    }
                }
                String formatted = LocalDate.parse(text).format(format);
                if (!formatted.equals(text)) {
                    throw new AssertionError(column + ": the projection formats " + text + " as " + formatted);
                }
                return formatted;
            }
            case "integer" -> {
                String[] range = properties.path(prefix + "range").asText().split(",");
                long n = ((Number) value).longValue();
                if (n < Long.parseLong(range[0].trim()) || n > Long.parseLong(range[1].trim())) {
                    throw new AssertionError(column + ": " + n + " is outside the projection's range");
                }
                JsonNode digits = properties.path(prefix + "digits");
                return digits.isMissingNode() ? Long.toString(n) : String.format("%0" + digits.asText() + "d", n);
            }
            case "enum" -> {
                if (!Arrays.asList(properties.path(prefix + "values").asText().split(",")).contains(text)) {
                    throw new AssertionError(column + ": '" + text + "' is not among the projection's values");
                }
                return text;
            }
            case "injected" -> {
                return text;
            }
            default -> throw new AssertionError(column + ": no projection type ('" + type + "')");
        }
    }

    static String escape(String value) {
        if (value.isEmpty()) {
            return "__HIVE_DEFAULT_PARTITION__";
        }
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (c < ' ' || HIVE_ESCAPED.indexOf(c) >= 0) {
                out.append('%').append(String.format("%02X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
