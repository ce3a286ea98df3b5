package dev.clickstream.dashboard.store;

import dev.clickstream.common.counts.CountsTable;
import dev.clickstream.common.counts.ReferrerCount;
import dev.clickstream.common.counts.ReferrerCountsCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/** Reads the counts table: recent items of one resource, and the resources there are. Thread-safe. */
public final class CountsReader {
    private static final Logger LOG = LoggerFactory.getLogger(CountsReader.class);
    /** Sorts after every ISO-8601 timestamp, so a scan restarting there skips to the next resource. */
    private static final String AFTER_ALL_TIMESTAMPS = "\uFFFF";
    private static final int MAX_RESOURCES = 1000;
    private static final Duration RESOURCES_FRESH_FOR = Duration.ofSeconds(5);

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;
    private volatile Cached cachedResources;

    private record Cached(Instant at, List<String> resources) {}

    public CountsReader(DynamoDbClient dynamoDb, String table, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
    }

    public String table() {
        return table;
    }

    /** Items of {@code resource} newer than now minus {@code range}, oldest first. */
    public List<CountsItem> recent(String resource, Duration range) {
        String since = CountsTable.formatTimestamp(clock.instant().minus(range));
        QueryRequest request = QueryRequest.builder()
                .tableName(table)
                .keyConditionExpression("#r = :r AND #t > :since")
                .expressionAttributeNames(Map.of("#r", CountsTable.RESOURCE, "#t", CountsTable.TIMESTAMP))
                .expressionAttributeValues(Map.of(":r", AttributeValue.fromS(resource), ":since", AttributeValue.fromS(since)))
                .build();
        List<CountsItem> items = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamoDb.queryPaginator(request).items()) {
            try {
                items.add(toItem(item));
            } catch (RuntimeException e) {
                LOG.warn("skipping an unreadable counts item of {}: {}", resource, e.toString());
            }
        }
        return items;
    }

    /**
     * The resources in the table, sorted. A Scan returns a resource's items together, so each scan
     * of one item restarts after the last possible timestamp of the resource just seen: one read
     * per resource instead of reading the whole table. Kept for a few seconds.
     */
    public List<String> resources() {
        Cached cached = cachedResources;
        Instant now = clock.instant();
        if (cached != null && Duration.between(cached.at(), now).compareTo(RESOURCES_FRESH_FOR) < 0) {
            return cached.resources();
        }
        TreeSet<String> found = new TreeSet<>();
        Map<String, AttributeValue> start = null;
        for (int calls = 0; calls < MAX_RESOURCES * 2; calls++) {
            Map<String, AttributeValue> from = start;
            ScanResponse page = dynamoDb.scan(r -> r.tableName(table).limit(1).exclusiveStartKey(from)
                    .projectionExpression("#r").expressionAttributeNames(Map.of("#r", CountsTable.RESOURCE)));
            if (page.items().isEmpty()) {
                if (!page.hasLastEvaluatedKey() || page.lastEvaluatedKey().isEmpty()) {
                    break;
                }
                start = page.lastEvaluatedKey();
                continue;
            }
            String resource = page.items().get(0).get(CountsTable.RESOURCE).s();
            if (!found.add(resource) || found.size() >= MAX_RESOURCES) {
                break; // no progress, or enough for a selector
            }
            start = Map.of(CountsTable.RESOURCE, AttributeValue.fromS(resource),
                    CountsTable.TIMESTAMP, AttributeValue.fromS(AFTER_ALL_TIMESTAMPS));
        }
        List<String> resources = List.copyOf(found);
        cachedResources = new Cached(now, resources);
        return resources;
    }

    private static CountsItem toItem(Map<String, AttributeValue> item) {
        String resource = item.get(CountsTable.RESOURCE).s();
        long timestamp = CountsTable.parseTimestamp(item.get(CountsTable.TIMESTAMP).s()).toEpochMilli();
        AttributeValue host = item.get(CountsTable.HOST);
        AttributeValue counts = item.get(CountsTable.REFERRER_COUNTS);
        List<ReferrerCount> referrerCounts = counts == null || counts.s() == null
                ? List.of() : ReferrerCountsCodec.fromJson(counts.s());
        return new CountsItem(resource, timestamp, host == null ? "" : host.s(), referrerCounts);
    }
}
