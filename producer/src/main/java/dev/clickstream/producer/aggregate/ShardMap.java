package dev.clickstream.producer.aggregate;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import dev.clickstream.producer.send.ShardPacer;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The open shards of a stream by hash-key range, so that user records are only aggregated with
 * records of the same shard: the KCL drops a de-aggregated user record whose own hash key lies
 * outside the shard it was read from.
 */
public final class ShardMap implements ShardPacer.Shards {
    /** Partition keys whose shard is remembered: click keys are few, and an MD5 per record is not free. */
    private static final int CACHED_KEYS = 10_000;
    /** One open shard: the inclusive hash-key range it owns. */
    public record Range(String shardId, BigInteger start, BigInteger end) {}

    private final List<Range> ranges;
    private final Map<String, Integer> byShardId = new HashMap<>();
    private final Map<String, Integer> byPartitionKey = new ConcurrentHashMap<>();

    public ShardMap(List<Range> ranges) {
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("no open shard");
        }
        this.ranges = ranges.stream().sorted(Comparator.comparing(Range::start)).toList();
        for (int i = 0; i < this.ranges.size(); i++) {
            byShardId.put(this.ranges.get(i).shardId(), i);
        }
    }

    /** Reads the open shards with ListShards (every page); closed parents are left out by hand, since kinesalite ignores ShardFilter. */
    public static ShardMap load(KinesisClient client, String stream) {
        List<Range> ranges = new ArrayList<>();
        String next = null;
        do {
            ListShardsRequest request = next == null ? ListShardsRequest.builder().streamName(stream).build()
                    : ListShardsRequest.builder().nextToken(next).build();
            ListShardsResponse response = client.listShards(request);
            for (Shard shard : response.shards()) {
                if (shard.sequenceNumberRange().endingSequenceNumber() == null) {
                    ranges.add(new Range(shard.shardId(), new BigInteger(shard.hashKeyRange().startingHashKey()),
                            new BigInteger(shard.hashKeyRange().endingHashKey())));
                }
            }
            next = response.nextToken();
        } while (next != null);
        return new ShardMap(ranges);
    }

    public int size() {
        return ranges.size();
    }

    @Override
    public int count() {
        return ranges.size();
    }

    /** Index of the shard the entry lands on (a shard no longer open counts as the first). */
    @Override
    public int indexOf(PutRecordsRequestEntry entry, String expectedShard) {
        if (expectedShard != null) {
            return byShardId.getOrDefault(expectedShard, 0);
        }
        if (entry.explicitHashKey() != null) {
            return indexOf(new BigInteger(entry.explicitHashKey()));
        }
        String key = entry.partitionKey();
        Integer known = byPartitionKey.get(key);
        if (known != null) {
            return known;
        }
        int index = indexOf(hashKey(key));
        if (byPartitionKey.size() < CACHED_KEYS) {
            byPartitionKey.put(key, index);
        }
        return index;
    }

    public Range range(int index) {
        return ranges.get(index);
    }

    /** Index of the shard owning {@code hashKey}. */
    public int indexOf(BigInteger hashKey) {
        int low = 0;
        int high = ranges.size() - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (ranges.get(mid).start().compareTo(hashKey) <= 0) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    /** The hash key Kinesis routes a partition key by: its MD5 as an unsigned 128-bit number. */
    public static BigInteger hashKey(String partitionKey) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(partitionKey.getBytes(StandardCharsets.UTF_8));
            return new BigInteger(1, md5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JVM", e);
        }
    }
}
