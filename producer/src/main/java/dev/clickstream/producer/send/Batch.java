package dev.clickstream.producer.send;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/**
 * The Kinesis records of one PutRecords call and how many user records each carries: one each
 * without aggregation, many in an aggregated record. Stats speak of user records, so a resent
 * aggregated record counts all the user records inside it.
 */
public record Batch(List<PutRecordsRequestEntry> entries, int[] userRecords, int userRecordTotal,
                    String[] expectedShards) {
    /** Every entry is one user record. */
    public static Batch plain(List<PutRecordsRequestEntry> entries) {
        return new Batch(entries, null, entries.size(), null);
    }

    /** Aggregated entries, each with the shard it was packed for (its user records all map there). */
    public static Batch of(List<PutRecordsRequestEntry> entries, int[] userRecords, String[] expectedShards) {
        int total = 0;
        for (int n : userRecords) {
            total += n;
        }
        return new Batch(entries, userRecords, total, expectedShards);
    }

    /** The shard the entry must land on, or null where any shard will do. */
    public String expectedShard(int index) {
        return expectedShards == null ? null : expectedShards[index];
    }

    public int userRecords(int index) {
        return userRecords == null ? 1 : userRecords[index];
    }

    /** The entries at {@code indexes}, e.g. those a response marked failed. */
    Batch select(List<Integer> indexes) {
        List<PutRecordsRequestEntry> chosen = new ArrayList<>(indexes.size());
        int[] counts = new int[indexes.size()];
        String[] shards = new String[indexes.size()];
        for (int i = 0; i < indexes.size(); i++) {
            chosen.add(entries.get(indexes.get(i)));
            counts[i] = userRecords(indexes.get(i));
            shards[i] = expectedShard(indexes.get(i));
        }
        return userRecords == null ? plain(chosen) : of(chosen, counts, shards);
    }
}
