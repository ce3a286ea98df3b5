package dev.clickstream.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.common.counts.CountsTable;
import dev.clickstream.common.counts.ReferrerCount;
import dev.clickstream.common.counts.ReferrerCountsCodec;
import dev.clickstream.common.event.ClickEvent;
import dev.clickstream.common.event.ClickEventCodec;
import dev.clickstream.testsupport.JavaProcess;
import dev.clickstream.testsupport.LocalAws;
import dev.clickstream.testsupport.LocalStackExtension;
import dev.clickstream.testsupport.Poll;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * consumer.jar with {@code processor = referrer-counter}: known events in, the expected Top-N
 * counts out of DynamoDB, and the checkpoint only once they are written.
 */
@ExtendWith(LocalStackExtension.class)
class ReferrerCounterJarIT {
    static final String GOOGLE = "http://www.google.com";
    static final String AMAZON = "http://www.amazon.com";
    static final String BING = "http://www.bing.com";
    static final String REDDIT = "http://reddit.com";

    @TempDir
    Path dir;

    @Test
    void countsKnownEventsIntoTheCountsTableAndCheckpointsAfterWritingThem(LocalAws aws) throws Exception {
        String table = LocalAws.uniqueName("counts");
        ConsumerFixture f = new ConsumerFixture(aws, "counter")
                .counting(table, Duration.ofSeconds(120));
        aws.createStream(f.stream, 2);
        List<byte[]> records = new ArrayList<>();
        add(records, "resource-0", GOOGLE, 5);
        add(records, "resource-0", AMAZON, 3);
        add(records, "resource-0", BING, 3);
        add(records, "resource-1", REDDIT, 2);
        records.add("not json".getBytes(StandardCharsets.UTF_8));
        records.add("{\"resource\":\"resource-0\"}".getBytes(StandardCharsets.UTF_8));
        List<StreamWriter.Written> written = f.writer().put(records);

        try (JavaProcess counter = f.startJar(dir)) {
            counter.awaitStdoutLine(Pattern.compile("^consumer: counting referrers"), Duration.ofSeconds(30));
            counter.awaitStdoutLine(Pattern.compile("^consumer: running"), Duration.ofSeconds(30));

            Poll.until(ConsumerFixture.ARCHIVE_DEADLINE, "the Top-N of resource-0 in " + table,
                    () -> latestCounts(aws, table, "resource-0").equals(List.of(
                            new ReferrerCount(GOOGLE, 5), new ReferrerCount(AMAZON, 3), new ReferrerCount(BING, 3))));
            Poll.until(Duration.ofSeconds(30), "the counts of resource-1",
                    () -> latestCounts(aws, table, "resource-1").equals(List.of(new ReferrerCount(REDDIT, 2))));
            Poll.until(Duration.ofSeconds(60), "every shard checkpointed at its last record",
                    () -> f.checkpointedAll(written));

            counter.terminate();
            counter.awaitExit(Duration.ofSeconds(40));
            assertThat(counter.stdout()).contains("consumer: stopped");
        }
    }

    /**
     * Hostile records: a referrer of about 1 MB, a resource whose referrers together exceed
     * DynamoDB's 400 KB item limit, and malformed records among 18 ordinary resources. Every item
     * is written, the oversized ones cut to fit, and every malformed record is counted.
     */
    @Test
    void oversizedReferrersNeverStopAResourcesCountsAndEveryMalformedRecordIsCounted(LocalAws aws) throws Exception {
        String table = LocalAws.uniqueName("counts");
        ConsumerFixture f = new ConsumerFixture(aws, "hostile")
                .counting(table, Duration.ofSeconds(120)).set("countsTopN", "1000");
        aws.createStream(f.stream, 1);
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < 18; i++) {
            add(records, "resource-" + i, GOOGLE, 1);
        }
        add(records, "huge", "http://huge.example/" + "x".repeat(1_000_000), 1);
        add(records, "huge", BING, 2);
        for (int i = 0; i < 450; i++) {
            add(records, "wide", "http://wide" + i + ".example/" + "y".repeat(1100), 1);
        }
        for (int i = 0; i < 7; i++) {
            records.add(("not json " + i).getBytes(StandardCharsets.UTF_8));
        }
        f.writer().put(records);

        try (JavaProcess counter = f.startJar(dir)) {
            counter.awaitStdoutLine(Pattern.compile("^consumer: running"), Duration.ofSeconds(30));
            Poll.until(ConsumerFixture.ARCHIVE_DEADLINE, "the item of the resource with the 1 MB referrer",
                    () -> latestCounts(aws, table, "huge").size() == 2);
            List<ReferrerCount> huge = latestCounts(aws, table, "huge");
            assertThat(huge.get(0)).isEqualTo(new ReferrerCount(BING, 2));
            assertThat(huge.get(1).referrer()).startsWith("http://huge.example/xxx").endsWith("…").hasSizeLessThan(2000);
            Poll.until(Duration.ofSeconds(30), "the item of the resource whose referrers exceed 400 KB",
                    () -> !latestCounts(aws, table, "wide").isEmpty());
            assertThat(latestCounts(aws, table, "wide").size()).isBetween(100, 449);
            for (int i = 0; i < 18; i++) {
                assertThat(latestCounts(aws, table, "resource-" + i)).containsExactly(new ReferrerCount(GOOGLE, 1));
            }
            Poll.until(Duration.ofSeconds(30), "a status line with every item written and the malformed count",
                    () -> counter.stdoutLines().stream().anyMatch(l -> l.matches(".*\\| items (2[0-9]|[3-9][0-9]|[0-9]{3,})\\b.*"
                            + "\\| skipped 7 malformed.*")));
            counter.terminate();
            counter.awaitExit(Duration.ofSeconds(40));
            assertThat(counter.stdout()).contains("consumer: stopped").contains("7 malformed skipped");
        }
        String log = java.nio.file.Files.readString(dir.resolve("logs").resolve("application.log"));
        assertThat(log).contains("referrer(s) out of counts items").doesNotContain("Item size has exceeded");
        assertThat(log).contains("7 in all");
    }

    private static void add(List<byte[]> records, String resource, String referrer, int times) {
        for (int i = 0; i < times; i++) {
            records.add(ClickEventCodec.toJson(new ClickEvent(resource, referrer)));
        }
    }

    /** The newest item's referrer counts for a resource, or an empty list before the first write. */
    static List<ReferrerCount> latestCounts(LocalAws aws, String table, String resource) {
        if (!aws.dynamoDb().listTablesPaginator().tableNames().stream().toList().contains(table)) {
            return List.of();
        }
        var items = aws.dynamoDb().query(q -> q.tableName(table)
                .keyConditionExpression("#r = :r")
                .expressionAttributeNames(Map.of("#r", CountsTable.RESOURCE))
                .expressionAttributeValues(Map.of(":r", AttributeValue.fromS(resource)))
                .scanIndexForward(false).limit(1)).items();
        return items.isEmpty() ? List.of() : ReferrerCountsCodec.fromJson(items.get(0).get(CountsTable.REFERRER_COUNTS).s());
    }
}
