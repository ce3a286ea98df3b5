package dev.clickstream.tools.verify;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * The KCL lease table (named after the application): each shard's checkpoint as the KCL wrote it,
 * shard id → checkpoint (a sequence number, TRIM_HORIZON, LATEST, AT_TIMESTAMP or SHARD_END), and
 * its sub-sequence number (the user record of a KPL aggregate it was taken at).
 */
record LeaseCheckpoints(Map<String, String> checkpoints, Map<String, Long> subSequences) {

    /** Empty if there is no table. */
    static Optional<LeaseCheckpoints> read(DynamoDbClient dynamoDb, String table) {
        Map<String, String> checkpoints = new TreeMap<>();
        Map<String, Long> subSequences = new TreeMap<>();
        try {
            dynamoDb.scanPaginator(r -> r.tableName(table).consistentRead(true)).items().forEach(item -> {
                AttributeValue checkpoint = item.get("checkpoint");
                if (checkpoint != null && checkpoint.s() != null) {
                    String shard = shardId(item.get("leaseKey").s());
                    checkpoints.put(shard, checkpoint.s());
                    AttributeValue sub = item.get("checkpointSubSequenceNumber");
                    subSequences.put(shard, sub == null || sub.n() == null ? 0 : Long.parseLong(sub.n()));
                }
            });
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
        return Optional.of(new LeaseCheckpoints(checkpoints, subSequences));
    }

    /** A multi-stream lease key is {@code account:stream:epoch:shardId}; single-stream keys are the shard id. */
    private static String shardId(String leaseKey) {
        return leaseKey.substring(leaseKey.lastIndexOf(':') + 1);
    }
}
