package dev.clickstream.archive.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class HivePartitionTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("resource-1", "resource-1"),
                Arguments.of("a/b", "a%2Fb"),
                Arguments.of("k=v", "k%3Dv"),
                Arguments.of("50%", "50%25"),
                Arguments.of("#top", "%23top"),
                Arguments.of("a b", "a%20b"),
                Arguments.of("tab\there", "tab%09here"),
                Arguments.of("é", "%C3%A9"),
                Arguments.of("http://www.amazon.com", "http%3A%2F%2Fwww.amazon.com"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void escapesAsHiveAndDecodesBack(String value, String escaped) {
        assertThat(HivePartition.escape(value)).isEqualTo(escaped);
        assertThat(HivePartition.unescape(escaped)).isEqualTo(value);
        assertThat(new HivePartition("f", value).segment()).isEqualTo("f=" + escaped + "/");
    }

    @Test
    void missingOrEmptyIsTheDefaultPartition() {
        assertThat(HivePartition.escape(null)).isEqualTo("__HIVE_DEFAULT_PARTITION__");
        assertThat(HivePartition.escape("")).isEqualTo("__HIVE_DEFAULT_PARTITION__");
    }

    @Test
    void longValuesAreCutWithAHashSoDistinctValuesStayApart() {
        String a = "x".repeat(500) + "a";
        String b = "x".repeat(500) + "b";

        assertThat(HivePartition.escape(a)).hasSize(HivePartition.MAX_VALUE_BYTES).isNotEqualTo(HivePartition.escape(b));
        assertThat(HivePartition.escape("é".repeat(100))).hasSizeLessThanOrEqualTo(HivePartition.MAX_VALUE_BYTES)
                .doesNotContain("%~").matches("(%[0-9A-F]{2})+~[0-9a-f]{8}");
    }
}
