package dev.clickstream.producer.send;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/**
 * The Kinesis records of one PutRecords call and how many user records each carries: one each
 * without aggregation, many in an aggregated record. Stats speak of user records, so a resent
 * aggregated record counts all the user records inside it.
 */
public record Batch(List<PutRecordsRequestEntry> entries, int[] userRecords, int userRecordTotal) {
    /** Every entry is one user record. */
    public static Batch plain(List<PutRecordsRequestEntry> entries) {
        return new Batch(entries, null, entries.size());
    }

    public static Batch of(List<PutRecordsRequestEntry> entries, int[] userRecords) {
        int total = 0;
        for (int n : userRecords) {
            total += n;
        }
        return new Batch(entries, userRecords, total);
    }

    public int userRecords(int index) {
        return userRecords == null ? 1 : userRecords[index];
    }

    /** The entries at {@code indexes}, e.g. those a response marked failed. */
    Batch select(List<Integer> indexes) {
        List<PutRecordsRequestEntry> chosen = new ArrayList<>(indexes.size());
        int[] counts = new int[indexes.size()];
        for (int i = 0; i < indexes.size(); i++) {
            chosen.add(entries.get(indexes.get(i)));
            counts[i] = userRecords(indexes.get(i));
        }
        return userRecords == null ? plain(chosen) : of(chosen, counts);
    }
}
