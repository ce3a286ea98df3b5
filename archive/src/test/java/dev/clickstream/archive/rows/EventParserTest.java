package dev.clickstream.archive.rows;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A batch's records parsed in order with one shared parser ({@link EventParser.Records}) give what
 * each record parsed alone gives, whatever comes before or after it: records cut short, empty,
 * with trailing bytes, of the wrong type, not UTF-8.
 */
class EventParserTest {
    private static final List<String> RECORDS = List.of(
            "{\"resource\":\"/a\",\"referrer\":\"http://x\",\"reading\":7}",
            "{\"resource\":\"/b\"",
            "{\"reading\":",
            "{\"skip\":[",
            "1]}",
            "",
            "   ",
            "{\"resource\":\"/c\"} trailing",
            "{\"resource\":\"/d\"}{\"resource\":\"/e\"}",
            "  {\"resource\":\"/f\",\"referrer\":null}  ",
            "{\"resource\":5}",
            "{\"reading\":\"5\"}",
            "{\"reading\":123456789012345678901234567890}",
            "[1,2]",
            "\"text\"",
            "{\"nested\":{\"resource\":\"/no\"},\"resource\":\"/g\"}",
            "{\"resource\":\"/h\"",
            "}",
            "{\"resource\":\"caf\u00e9\",\"reading\":-3}",
            "{\"resource\":\"/i\",}",
            "{}",
            "not json");

    private final EventParser parser = new EventParser(new LinkedHashMap<>(java.util.Map.of(
            "resource", RowSchema.FieldType.STRING, "reading", RowSchema.FieldType.LONG,
            "referrer", RowSchema.FieldType.STRING)));

    @Test
    void eachRecordOfABatchParsesAsItDoesAlone() {
        List<byte[]> records = new ArrayList<>();
        RECORDS.forEach(r -> records.add(r.getBytes(StandardCharsets.UTF_8)));
        records.add(new byte[] {'{', '"', 'r', 'e', 's', 'o', 'u', 'r', 'c', 'e', '"', ':', '"', (byte) 0xC3, '"', '}'});
        assertBatchMatchesAlone(records);
    }

    @Test
    void anyOrderOfGoodAndBadRecordsParsesAsAlone() {
        SplittableRandom random = new SplittableRandom(25);
        for (int round = 0; round < 200; round++) {
            List<byte[]> records = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String r = random.nextInt(3) == 0 ? RECORDS.get(random.nextInt(RECORDS.size()))
                        : "{\"resource\":\"/p" + i + "\",\"reading\":" + i + "}";
                records.add(r.getBytes(StandardCharsets.UTF_8));
            }
            assertBatchMatchesAlone(records);
        }
    }

    @Test
    void aTextThatRepeatsInABatchIsOneString() {
        byte[] bytes = "{\"resource\":\"/a\"}\n{\"resource\":\"/a\"}\n".getBytes(StandardCharsets.UTF_8);
        Object[] first = new Object[parser.names().size()];
        Object[] second = new Object[parser.names().size()];
        try (EventParser.Records records = parser.records(bytes, bytes.length)) {
            assertThat(records.parse(0, 17, first)).isNull();
            assertThat(records.parse(18, 17, second)).isNull();
        }
        int resource = parser.names().indexOf("resource");
        assertThat(second[resource]).isEqualTo("/a").isSameAs(first[resource]);
    }

    private void assertBatchMatchesAlone(List<byte[]> records) {
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        int[] starts = new int[records.size()];
        for (int i = 0; i < records.size(); i++) {
            starts[i] = batch.size();
            batch.writeBytes(records.get(i));
            batch.write('\n');
        }
        byte[] bytes = batch.toByteArray();
        int wanted = parser.names().size();
        try (EventParser.Records shared = parser.records(bytes, bytes.length)) {
            for (int i = 0; i < records.size(); i++) {
                int length = records.get(i).length;
                Object[] alone = new Object[wanted];
                String aloneReason = parser.parse(bytes, starts[i], length, alone);
                Object[] inBatch = new Object[wanted];
                String batchReason = shared.parse(starts[i], length, inBatch);
                String record = new String(records.get(i), StandardCharsets.UTF_8);
                assertThat(batchReason).as("reason for %s", record).isEqualTo(aloneReason);
                if (aloneReason == null) {
                    assertThat(Arrays.asList(inBatch)).as("values of %s", record).isEqualTo(Arrays.asList(alone));
                }
            }
        }
    }
}
