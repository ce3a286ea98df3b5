package dev.clickstream.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** Everything a stream holds, read back with GetRecords from every shard. */
public final class StreamContents {
    private StreamContents() {}

    /** Every record of the stream, shard after shard. */
    public static List<Record> readAll(KinesisClient kinesis, String stream) {
        return byShard(kinesis, stream).values().stream().flatMap(List::stream).toList();
    }

    /** Every record of each shard, in order, by shard id. */
    public static Map<String, List<Record>> byShard(KinesisClient kinesis, String stream) {
        Map<String, List<Record>> all = new TreeMap<>();
        for (Shard shard : kinesis.listShards(r -> r.streamName(stream)).shards()) {
            all.put(shard.shardId(), readShard(kinesis, stream, shard.shardId()));
        }
        return all;
    }

    public static List<Record> readShard(KinesisClient kinesis, String stream, String shardId) {
        List<Record> all = new ArrayList<>();
        String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        while (iterator != null) {
            String current = iterator;
            GetRecordsResponse page = kinesis.getRecords(r -> r.shardIterator(current).limit(10_000));
            all.addAll(page.records());
            // An empty page at the tip ends the shard: an open shard's iterator never runs out.
            boolean caughtUp = page.millisBehindLatest() != null && page.millisBehindLatest() == 0;
            iterator = page.records().isEmpty() && caughtUp ? null : page.nextShardIterator();
        }
        return all;
    }
}
