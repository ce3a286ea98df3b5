package dev.clickstream.common.config;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.IntFunction;

/**
 * Line-level facts about a properties file that {@link Properties} does not keep: where each key
 * was set, and which line is not valid UTF-8. Each logical line (continuations joined) is read by
 * {@link Properties} itself, so keys are found exactly as the loader finds them.
 */
final class PropertiesLines {
    /** A key set on two lines; the second wins. */
    record Duplicate(String key, int firstLine, int secondLine) {}

    private PropertiesLines() {}

    /** The text, or {@code onBadLine.apply(lineNumber)} thrown for the first line that is not UTF-8. */
    static String decodeUtf8(byte[] bytes, IntFunction<RuntimeException> onBadLine) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            int line = 1;
            int start = 0;
            for (int i = 0; i <= bytes.length; i++) {
                if (i == bytes.length || bytes[i] == '\n') {
                    try {
                        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT)
                                .decode(ByteBuffer.wrap(bytes, start, i - start));
                    } catch (CharacterCodingException bad) {
                        throw onBadLine.apply(line);
                    }
                    line++;
                    start = i + 1;
                }
            }
            throw onBadLine.apply(line - 1);
        }
    }

    /** Keys set more than once, each pair of lines in file order. */
    static List<Duplicate> duplicates(String text) {
        List<Duplicate> found = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            String trimmed = lines[i].stripLeading();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!")) {
                continue;
            }
            StringBuilder logical = new StringBuilder(lines[i]);
            while (endsWithContinuation(lines[i]) && i + 1 < lines.length) {
                i++;
                logical.append('\n').append(lines[i]);
            }
            String key = keyOf(logical.toString());
            if (key != null) {
                Integer first = firstLine.get(key);
                if (first == null) {
                    firstLine.put(key, number);
                } else {
                    found.add(new Duplicate(key, first, number));
                    firstLine.put(key, number);
                }
            }
        }
        return found;
    }

    private static boolean endsWithContinuation(String line) {
        int backslashes = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    private static String keyOf(String logicalLine) {
        Properties one = new Properties();
        try {
            one.load(new StringReader(logicalLine));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException e) {
            return null; // a malformed escape: the loader reports it
        }
        return one.stringPropertyNames().stream().findFirst().orElse(null);
    }
}
