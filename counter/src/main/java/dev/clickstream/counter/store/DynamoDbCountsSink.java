package dev.clickstream.counter.store;

import dev.clickstream.common.counts.CountsTable;
import dev.clickstream.common.counts.ReferrerCount;
import dev.clickstream.common.errors.Errors;
import dev.clickstream.counter.CounterSettings;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes counts items as the original sample did (resource, timestamp, host, referrerCounts as a
 * JSON string), plus the TTL attribute. One PutItem per resource, in parallel; the SDK's retry
 * strategy handles throttling. Every item fits DynamoDB's size limit ({@link ItemBudget}), and one
 * item's failure leaves the others written and is reported on its own.
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
    public CompletableFuture<WriteResult> write(Instant timestamp, Map<String, List<ReferrerCount>> countsByResource) {
        String ts = CountsTable.formatTimestamp(timestamp);
        String expiresAt = Long.toString(timestamp.getEpochSecond() + ttlSeconds);
        AtomicInteger written = new AtomicInteger();
        AtomicInteger dropped = new AtomicInteger();
        Map<String, Throwable> failed = new ConcurrentHashMap<>();
        CompletableFuture<?>[] puts = countsByResource.entrySet().stream()
                .map(e -> {
                    Map<String, AttributeValue> item = item(e.getKey(), ts, e.getValue(), expiresAt, dropped);
                    return dynamoDb.putItem(r -> r.tableName(table).item(item)).handle((ok, error) -> {
                        if (error == null) {
                            written.incrementAndGet();
                        } else {
                            failed.put(e.getKey(), Errors.unwrap(error));
                        }
                        return null;
                    });
                })
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(puts).thenApply(done -> new WriteResult(written.get(), failed, dropped.get()));
    }

    private Map<String, AttributeValue> item(String resource, String ts, List<ReferrerCount> counts, String expiresAt,
                                             AtomicInteger dropped) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(CountsTable.RESOURCE, AttributeValue.fromS(resource));
        item.put(CountsTable.TIMESTAMP, AttributeValue.fromS(ts));
        item.put(CountsTable.HOST, AttributeValue.fromS(host));
        item.put(CountsTable.EXPIRES_AT, AttributeValue.fromN(expiresAt));
        int otherBytes = ItemBudget.utf8Length(resource) + ItemBudget.utf8Length(ts) + ItemBudget.utf8Length(host)
                + ItemBudget.utf8Length(CountsTable.REFERRER_COUNTS);
        ItemBudget.Fitted fitted = ItemBudget.fit(counts, otherBytes);
        dropped.addAndGet(fitted.dropped());
        item.put(CountsTable.REFERRER_COUNTS, AttributeValue.fromS(fitted.json()));
        return item;
    }
}
