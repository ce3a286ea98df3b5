package dev.clickstream.common.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The defined key an unknown key was probably meant to be: the same name in another case
 * ({@code dynamoDbEndpoint}) or one or two letters off ({@code countTable}).
 */
public final class NearMisses {
    private NearMisses() {}

    public static Optional<String> closest(ConfigDef def, String unknown) {
        String wanted = unknown.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (ConfigKey<?> key : def.keys()) {
            int d = distance(wanted, key.name().toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = key.name();
            }
        }
        return bestDistance <= 2 && best != null ? Optional.of(best) : Optional.empty();
    }

    /**
     * One warning for each of {@code unknownKeys} that is a near miss of a key of {@code def}: the
     * applications that share a file with others ignore its other keys without a word, but one of
     * their own, mistyped, would silently fall back to its default (a wrong-case endpoint sends
     * the application to AWS).
     */
    public static List<String> warnings(ConfigDef def, List<String> unknownKeys, Object file) {
        List<String> warnings = new ArrayList<>();
        for (String unknown : unknownKeys) {
            closest(def, unknown).ifPresent(meant -> warnings.add(
                    "unknown key " + unknown + " in " + file + " ignored (did you mean " + meant + "?)"));
        }
        return warnings;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
