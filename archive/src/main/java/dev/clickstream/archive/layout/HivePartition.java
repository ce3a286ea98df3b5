package dev.clickstream.archive.layout;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * One Hive-style path segment, {@code name=value/}. The value is escaped as Hive escapes it:
 * {@code / = % #}, space, control and non-ASCII characters (each UTF-8 byte) become {@code %XX},
 * so DuckDB's and Athena's {@code hive_partitioning} decode it back. A missing or empty value is
 * {@value #DEFAULT_PARTITION}. An escaped value longer than {@value #MAX_VALUE_BYTES} bytes is cut
 * and ends in {@code ~} and a hash of the whole value, so keys stay short and distinct values
 * stay apart.
 */
public record HivePartition(String name, String value) {
    public static final String DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__";
    /** The most an escaped value takes in a key. */
    public static final int MAX_VALUE_BYTES = 128;
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    /** The segment {@code name=escaped(value)/}. */
    public String segment() {
        return name + "=" + escape(value) + "/";
    }

    /** The value as it appears in a key. */
    public static String escape(String value) {
        if (value == null || value.isEmpty()) {
            return DEFAULT_PARTITION;
        }
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c <= 0x20 || c >= 0x7f || c == '/' || c == '=' || c == '%' || c == '#' || c == '"' || c == '\''
                    || c == '\\' || c == ':' || c == '*' || c == '?' || c == '[' || c == ']' || c == '^'
                    || c == '{' || c == '}') {
                out.append('%').append(HEX.toHexDigits((byte) c));
            } else {
                out.append((char) c);
            }
        }
        if (out.length() <= MAX_VALUE_BYTES) {
            return out.toString();
        }
        int cut = MAX_VALUE_BYTES - 9;
        // never cut inside a %XX escape
        if (out.charAt(cut - 1) == '%') {
            cut -= 1;
        } else if (out.charAt(cut - 2) == '%') {
            cut -= 2;
        }
        CRC32 crc = new CRC32();
        crc.update(value.getBytes(StandardCharsets.UTF_8));
        return out.substring(0, cut) + "~" + String.format("%08x", crc.getValue());
    }

    /** The value a key's segment stands for ({@code %XX} decoded; the default partition gives ""). */
    public static String unescape(String escaped) {
        if (escaped.equals(DEFAULT_PARTITION)) {
            return "";
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '%' && isHex(escaped, i + 1)) {
                bytes.write(HexFormat.fromHexDigits(escaped, i + 1, i + 3));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(String s, int from) {
        return from + 2 <= s.length() && HexFormat.isHexDigit(s.charAt(from)) && HexFormat.isHexDigit(s.charAt(from + 1));
    }
}
