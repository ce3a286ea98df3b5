package dev.clickstream.common.cli;

import dev.clickstream.common.config.ConfigDef;
import dev.clickstream.common.config.ConfigKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Adds one CLI option per configuration key to a picocli command, named after the key
 * ({@code putRecordsTps} → {@code --put-records-tps}), and reads back the ones the user gave.
 * The options carry no picocli default, so "not given" stays distinguishable from "given the
 * default" and the file and environment keep their say.
 */
public final class ConfigOptions {
    private ConfigOptions() {}

    public static void addTo(CommandSpec spec, ConfigDef def) {
        addTo(spec, def, Set.of());
    }

    public static void addTo(CommandSpec spec, ConfigDef def, Set<String> excludedKeys) {
        for (ConfigKey<?> key : def.keys()) {
            if (excludedKeys.contains(key.name())) {
                continue;
            }
            OptionSpec.Builder option = OptionSpec.builder(key.optionName())
                    .paramLabel(key.valueLabel())
                    .type(String.class)
                    .description(describe(key));
            if (key.isBoolean()) {
                // a bare --flag means true; --flag false still turns off what the file or env turned on
                option.arity("0..1").fallbackValue("true");
            }
            spec.addOption(option.build());
        }
    }

    /** Key name → text, for the options that were given on the command line. */
    public static Map<String, String> given(ParseResult parsed, ConfigDef def) {
        Map<String, String> values = new LinkedHashMap<>();
        for (ConfigKey<?> key : def.keys()) {
            if (parsed.hasMatchedOption(key.optionName())) {
                String value = parsed.matchedOptionValue(key.optionName(), "");
                values.put(key.name(), value);
            }
        }
        return values;
    }

    private static String describe(ConfigKey<?> key) {
        String doc = key.doc().isBlank() ? "" : key.doc().strip() + " ";
        String dflt = key.defaultText();
        String shown = dflt.isEmpty() ? "none" : dflt;
        return doc + "[key " + key.name() + ", default: " + shown.replace("%", "%%") + "]";
    }
}
