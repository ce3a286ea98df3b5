package dev.clickstream.systemtest;

import dev.clickstream.common.config.ConfigDef;
import dev.clickstream.common.config.ConfigKey;
import dev.clickstream.common.config.ConfigLoader;
import dev.clickstream.common.net.HostNames;
import dev.clickstream.consumer.config.ConsumerConfig;
import dev.clickstream.consumer.processor.Processor;
import dev.clickstream.dashboard.DashboardSettings;
import dev.clickstream.producer.config.ProducerKeys;
import dev.clickstream.tools.archive.ArchiveProperties;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes docs/configuration.md from the applications' own key definitions, so that the page
 * cannot drift from the code ({@link ConfigurationDocTest} fails when it does). An application
 * that gets keys of its own gets a section here.
 */
final class ConfigurationDoc {
    /** The command that rewrites the file; the test prints it when the file is out of date. */
    static final String REGENERATE = "mvn -B -q -pl system-test -am test -Dtest=ConfigurationDocTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -DconfigDoc=write";

    private ConfigurationDoc() {}

    /** Every definition the page documents: what the guard test checks the code's keys against. */
    static List<ConfigDef> definitions() {
        return List.of(ProducerKeys.DEF, ConsumerConfig.definition(), DashboardSettings.KEYS,
                ArchiveProperties.CONSUMER_KEYS);
    }

    static String render() {
        StringBuilder out = new StringBuilder();
        out.append("""
                # Configuration

                <!-- Generated from the applications' ConfigKey definitions; do not edit by hand.
                     Regenerate with: %s -->

                Every application reads one typed, validated configuration, built once at start-up from, in
                rising precedence: the defaults, the properties file given with `--properties FILE`
                (`--config FILE` is the same), environment variables, and command-line options. Each key is
                all three: `someKey` is the environment variable `CLICKSTREAM_SOME_KEY` and the option
                `--some-key`; an acronym stays one word (`dynamoDBEndpoint` is `--dynamo-db-endpoint`).

                - A bad value stops the program at start-up with one line naming the key, and exit code 2.
                - Durations are written `250ms`, `30s`, `5m`, `1h`, `1d`, or ISO-8601 `PT30S`; a bare `0` is zero.
                - Booleans are `true`/`false` (also `yes`/`no`, `on`/`off`); a bare boolean option means `true`.
                - An empty value counts as not given: the key keeps its default.
                - Credentials (`AwsCredentialsProvider`) are never echoed in errors, help or logs.
                - `--help` of each application lists the same keys with their defaults.

                | File | For |
                |---|---|
                | `config/producer.properties`, `config/local/producer.properties` | the producer, on AWS and on the local stack |
                | `config/sample.properties`, `config/local/sample.properties` | the S3 archiver (`consumer.jar`) |
                | `config/counter.properties`, `config/local/counter.properties` | the referrer counter (`consumer.jar`) and the dashboard |
                | `config/basic/producer.properties`, `config/basic/sample.properties` | the basic sample on the local stack |

                """.formatted(REGENERATE));

        out.append("## Producer (`producer.jar`)\n\n")
                .append("An unknown key in the file is an error (exit 2).\n\n");
        table(out, ProducerKeys.DEF.keys());

        ConfigDef consumer = ConsumerConfig.definition();
        Set<String> processorKeys = Arrays.stream(Processor.values())
                .flatMap(p -> p.keys().keys().stream()).map(ConfigKey::name).collect(Collectors.toSet());
        out.append("## Consumer (`consumer.jar`)\n\n")
                .append("One file per KCL application; `processor` picks what each shard's records go to. ")
                .append("Every processor's keys are accepted whichever is chosen. An unknown key in the file ")
                .append("(e.g. `executableName` from a KCL multi-language file) is named in a warning and ignored.")
                .append(aliases(ConsumerConfig.ALIASES)).append("\n\n")
                .append("### Every processor\n\n");
        table(out, consumer.keys().stream().filter(k -> !processorKeys.contains(k.name())).toList());
        for (Processor processor : Processor.values()) {
            out.append("### `processor = ").append(processor).append("`\n\n");
            if (processor.keys().keys().isEmpty()) {
                out.append("No keys of its own.\n\n");
            } else {
                table(out, processor.keys().keys());
            }
        }

        out.append("## Dashboard (`dashboard.jar`)\n\n")
                .append("It reads the referrer counter's file; keys it does not know are ignored, so counter and ")
                .append("dashboard share one file and always agree on the table.")
                .append(aliases(DashboardSettings.ALIASES)).append("\n\n");
        table(out, DashboardSettings.KEYS.keys());

        out.append("## Tools (`clickstream-tools.jar`)\n\n")
                .append("`verify-archive` and `replay` read the archiver's configuration as the consumer does: ")
                .append("the file given with `--properties FILE`, then the environment, then options. They know ")
                .append("these keys, with the consumer's names and defaults, and ignore the file's others; `replay` ")
                .append("needs none of `streamName`, `applicationName`, `initialPositionInStream`. The other ")
                .append("commands of the tools, and the local stack (`local-stack.jar`), take command-line options ")
                .append("only; `--help` lists them.\n\n");
        table(out, ArchiveProperties.CONSUMER_KEYS.keys());

        out.append("""
                ## Not configuration keys

                | Name | Where | Meaning |
                |---|---|---|
                | `LOG_DIR` | environment, every application | Directory of the detailed log files (default `logs`) |
                | `JAVA_OPTS`, `JAVA_HOME` | environment, the launcher scripts in `bin/` | JVM options, and the JDK to run |
                | `CLICKSTREAM_EXIT_WITH_PARENT` | environment, set by a launcher (the local stack's `--with-apps`) | A process id: the application stops gracefully once that process is gone |
                | `--count N`, `--duration D`, `--seed N` | producer options | Stop after N records, or after a duration; seed of the event generator |
                """);
        return out.toString();
    }

    /** The static ConfigKey fields of a class, in declaration order, whatever their visibility. */
    static List<ConfigKey<?>> staticKeys(Class<?> type) {
        List<ConfigKey<?>> keys = new ArrayList<>();
        for (Field field : type.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == ConfigKey.class) {
                field.setAccessible(true);
                try {
                    keys.add((ConfigKey<?>) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return keys;
    }

    static void table(StringBuilder out, Iterable<? extends ConfigKey<?>> keys) {
        out.append("| Key | Environment variable | Option | Default | Meaning |\n|---|---|---|---|---|\n");
        for (ConfigKey<?> key : keys) {
            out.append("| ").append(code(key.name()))
                    .append(" | ").append(code(key.envName(ConfigLoader.ENV_PREFIX)))
                    .append(" | ").append(code(key.optionName() + (key.isBoolean() ? "" : " " + key.valueLabel())))
                    .append(" | ").append(defaultText(key))
                    .append(" | ").append(cell(key.doc().strip()))
                    .append(" |\n");
        }
        out.append('\n');
    }

    /**
     * The default as the page shows it. A default taken from the machine (the host name) is named,
     * not shown, so that the page is the same wherever it is generated.
     */
    static String defaultText(ConfigKey<?> key) {
        if (key.isRequired()) {
            return "required";
        }
        String text = key.defaultText();
        if (text.isEmpty()) {
            return "empty";
        }
        if (text.equals(HostNames.local())) {
            return "the host name";
        }
        return code(text);
    }

    private static String aliases(Map<String, String> aliasToKey) {
        if (aliasToKey.isEmpty()) {
            return "";
        }
        Set<String> lines = new LinkedHashSet<>();
        aliasToKey.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> lines.add("`" + e.getValue() + "` is also read as `" + e.getKey() + "`"));
        return " In the file, " + String.join("; ", lines) + ".";
    }

    private static String code(String text) {
        return "`" + cell(text) + "`";
    }

    /** Text fit for one table cell: a pipe would end the cell, a newline the row. */
    static String cell(String text) {
        return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}
