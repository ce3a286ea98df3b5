package dev.clickstream.counter.store;

import dev.clickstream.common.counts.CountsTable;
import dev.clickstream.common.counts.ReferrerCount;
import dev.clickstream.common.counts.ReferrerCountsCodec;
import dev.clickstream.counter.CounterSettings;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes counts items as the original sample did (resource, timestamp, host, referrerCounts as a
 * JSON string), plus the TTL attribute. One PutItem per resource, in parallel; the SDK's retry
 * strategy handles throttling.
 */
public final class DynamoDbCountsSink implements CountsSink {
    private final DynamoDbAsyncClient dynamoDb;
    private final String table;
    private final String host;
    private final long ttlSeconds;

    public DynamoDbCountsSink(DynamoDbAsyncClient dynamoDb, CounterSettings settings) {
        this.dynamoDb = dynamoDb;
        this.table = settings.table();
        this.host = settings.host();
        this.ttlSeconds = settings.ttl().toSeconds();
    }

    @Override
    public CompletableFuture<Void> write(Instant timestamp, Map<String, List<ReferrerCount>> countsByResource) {
        String ts = CountsTable.formatTimestamp(timestamp);
        String expiresAt = Long.toString(timestamp.getEpochSecond() + ttlSeconds);
        CompletableFuture<?>[] puts = countsByResource.entrySet().stream()
                .map(e -> dynamoDb.putItem(r -> r.tableName(table).item(item(e.getKey(), ts, e.getValue(), expiresAt))))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(puts);
    }

    private Map<String, AttributeValue> item(String resource, String ts, List<ReferrerCount> counts, String expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(CountsTable.RESOURCE, AttributeValue.fromS(resource));
        item.put(CountsTable.TIMESTAMP, AttributeValue.fromS(ts));
        item.put(CountsTable.HOST, AttributeValue.fromS(host));
        item.put(CountsTable.REFERRER_COUNTS, AttributeValue.fromS(ReferrerCountsCodec.toJson(counts)));
        item.put(CountsTable.EXPIRES_AT, AttributeValue.fromN(expiresAt));
        return item;
    }
}
