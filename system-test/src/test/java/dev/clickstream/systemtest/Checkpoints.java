package dev.clickstream.systemtest;

import dev.clickstream.testsupport.LocalAws;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** Test helper: each shard's checkpoint in a KCL lease table, as the KCL wrote it. */
final class Checkpoints {
    private Checkpoints() {}

    /** Shard id → checkpoint; empty while the table does not exist yet. */
    static Map<String, String> of(LocalAws aws, String leaseTable) {
        Map<String, String> checkpoints = new HashMap<>();
        try {
            aws.dynamoDb().scanPaginator(r -> r.tableName(leaseTable).consistentRead(true)).items()
                    .forEach(item -> checkpoints.put(item.get("leaseKey").s(), item.get("checkpoint").s()));
        } catch (ResourceNotFoundException e) {
            return Map.of();
        }
        return checkpoints;
    }
}
