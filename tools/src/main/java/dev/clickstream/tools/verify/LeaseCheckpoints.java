package dev.clickstream.tools.verify;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** The KCL lease table (named after the application): each shard's checkpoint as the KCL wrote it. */
final class LeaseCheckpoints {
    private LeaseCheckpoints() {}

    /** Shard id → checkpoint (a sequence number, TRIM_HORIZON, LATEST, AT_TIMESTAMP or SHARD_END); empty if no table. */
    static Optional<Map<String, String>> read(DynamoDbClient dynamoDb, String table) {
        Map<String, String> checkpoints = new TreeMap<>();
        try {
            dynamoDb.scanPaginator(r -> r.tableName(table).consistentRead(true)).items().forEach(item -> {
                AttributeValue checkpoint = item.get("checkpoint");
                if (checkpoint != null && checkpoint.s() != null) {
                    checkpoints.put(shardId(item.get("leaseKey").s()), checkpoint.s());
                }
            });
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
        return Optional.of(checkpoints);
    }

    /** A multi-stream lease key is {@code account:stream:epoch:shardId}; single-stream keys are the shard id. */
    private static String shardId(String leaseKey) {
        return leaseKey.substring(leaseKey.lastIndexOf(':') + 1);
    }
}
