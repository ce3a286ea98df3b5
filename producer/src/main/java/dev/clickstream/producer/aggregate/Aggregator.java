package dev.clickstream.producer.aggregate;

import dev.clickstream.producer.send.Batch;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/**
 * Packs the user records of one PutRecords call into KPL aggregated records, one or more per
 * shard, each within {@code maxBytes} and {@code maxCount}. Records of different shards never
 * share an aggregated record, so each still lands on the shard its own partition key (or
 * explicit hash key) maps to. Thread-confined to the generating thread.
 */
public final class Aggregator {
    /** Partition keys repeat (one per resource); this bounds the cache of their hash keys. */
    private static final int CACHE_LIMIT = 100_000;

    private record Target(int shard, String hashKey) {}

    private final ShardMap shards;
    private final int maxBytes;
    private final long maxCount;
    private final Map<String, Target> targets = new HashMap<>();

    public Aggregator(ShardMap shards, int maxBytes, long maxCount) {
        this.shards = shards;
        this.maxBytes = maxBytes;
        this.maxCount = maxCount;
    }

    public Batch aggregate(List<PutRecordsRequestEntry> userRecords) {
        AggregatedRecord[] open = new AggregatedRecord[shards.size()];
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        List<String> shardIds = new ArrayList<>();
        for (PutRecordsRequestEntry record : userRecords) {
            Target target = target(record);
            AggregatedRecord current = open[target.shard()];
            if (current != null && (current.count() >= maxCount || current.sizeWith(record) > maxBytes)) {
                entries.add(current.toEntry());
                counts.add(current.count());
                shardIds.add(shards.range(target.shard()).shardId());
                current = null;
            }
            if (current == null) {
                current = new AggregatedRecord();
                open[target.shard()] = current;
            }
            current.add(record, target.hashKey());
        }
        for (int shard = 0; shard < open.length; shard++) {
            if (open[shard] != null) {
                entries.add(open[shard].toEntry());
                counts.add(open[shard].count());
                shardIds.add(shards.range(shard).shardId());
            }
        }
        return Batch.of(entries, counts.stream().mapToInt(Integer::intValue).toArray(), shardIds.toArray(String[]::new));
    }

    private Target target(PutRecordsRequestEntry record) {
        String key = record.explicitHashKey() != null ? "#" + record.explicitHashKey() : record.partitionKey();
        Target target = targets.get(key);
        if (target == null) {
            BigInteger hash = record.explicitHashKey() != null ? new BigInteger(record.explicitHashKey())
                    : ShardMap.hashKey(record.partitionKey());
            target = new Target(shards.indexOf(hash), hash.toString());
            if (targets.size() >= CACHE_LIMIT) {
                targets.clear();
            }
            targets.put(key, target);
        }
        return target;
    }
}
