package dev.clickstream.consumer.it;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** Test helper: reads the KCL lease table (named after the application) as the KCL wrote it. */
public final class LeaseTable {
    /** One lease: its checkpoint ({@code TRIM_HORIZON}, a sequence number or {@code SHARD_END}) and owner. */
    public record Lease(String shardId, String checkpoint, String owner) {}

    private final DynamoDbClient dynamoDb;
    private final String table;

    public LeaseTable(DynamoDbClient dynamoDb, String applicationName) {
        this.dynamoDb = dynamoDb;
        this.table = applicationName;
    }

    /** Shard id → lease; empty while the table does not exist yet. */
    public Map<String, Lease> leases() {
        Map<String, Lease> leases = new HashMap<>();
        try {
            dynamoDb.scanPaginator(r -> r.tableName(table).consistentRead(true)).items().forEach(item -> {
                String shard = item.get("leaseKey").s();
                leases.put(shard, new Lease(shard, text(item.get("checkpoint")), text(item.get("leaseOwner"))));
            });
        } catch (ResourceNotFoundException e) {
            return Map.of();
        }
        return leases;
    }

    private static String text(AttributeValue value) {
        return value == null ? null : value.s();
    }
}
