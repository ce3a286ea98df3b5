package dev.clickstream.producer;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** Everything a stream holds, read back with GetRecords from every shard. */
final class StreamContents {
    private StreamContents() {}

    static List<Record> readAll(KinesisClient kinesis, String stream) {
        List<Record> all = new ArrayList<>();
        for (Shard shard : kinesis.listShards(r -> r.streamName(stream)).shards()) {
            all.addAll(readShard(kinesis, stream, shard.shardId()));
        }
        return all;
    }

    static List<Record> readShard(KinesisClient kinesis, String stream, String shardId) {
        List<Record> all = new ArrayList<>();
        String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        while (iterator != null) {
            String current = iterator;
            GetRecordsResponse page = kinesis.getRecords(r -> r.shardIterator(current).limit(10_000));
            all.addAll(page.records());
            boolean caughtUp = page.millisBehindLatest() != null && page.millisBehindLatest() == 0;
            iterator = page.records().isEmpty() && caughtUp ? null : page.nextShardIterator();
        }
        return all;
    }
}
