package dev.clickstream.consumer.it;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/** Test helper: writes records with PutRecords and remembers where each one landed (shard and sequence number). */
public final class StreamWriter {
    /** A record as written: its shard, sequence number and bytes. */
    public record Written(String shardId, String sequenceNumber, byte[] data) {}

    private final KinesisClient kinesis;
    private final String stream;

    public StreamWriter(KinesisClient kinesis, String stream) {
        this.kinesis = kinesis;
        this.stream = stream;
    }

    /** Text records {@code <tag>-<i>} as JSON lines, like click events, with random partition keys. */
    public List<Written> putText(String tag, int count) {
        return put(text(tag, count));
    }

    /** The records {@link #putText} writes. */
    public static List<byte[]> text(String tag, int count) {
        List<byte[]> data = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            data.add(("{\"tag\":\"" + tag + "\",\"i\":" + i + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return data;
    }

    /** Writes the records with random partition keys ({@link #put(List, Function)}). */
    public List<Written> put(List<byte[]> records) {
        return put(records, d -> UUID.randomUUID().toString());
    }

    /** Writes the records in PutRecords batches of up to 500, resending any entry the service rejected. */
    public List<Written> put(List<byte[]> records, Function<byte[], String> partitionKey) {
        List<Written> written = new ArrayList<>();
        for (int from = 0; from < records.size(); from += 500) {
            List<byte[]> chunk = records.subList(from, Math.min(records.size(), from + 500));
            List<byte[]> pending = new ArrayList<>(chunk);
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt > 20) {
                    throw new AssertionError("PutRecords kept failing");
                }
                List<PutRecordsRequestEntry> entries = pending.stream()
                        .map(d -> PutRecordsRequestEntry.builder().partitionKey(partitionKey.apply(d))
                                .data(SdkBytes.fromByteArray(d)).build())
                        .toList();
                PutRecordsResponse response = kinesis.putRecords(r -> r.streamName(stream).records(entries));
                List<byte[]> failed = new ArrayList<>();
                for (int i = 0; i < entries.size(); i++) {
                    PutRecordsResultEntry result = response.records().get(i);
                    if (result.errorCode() == null) {
                        written.add(new Written(result.shardId(), result.sequenceNumber(), pending.get(i)));
                    } else {
                        failed.add(pending.get(i));
                    }
                }
                pending = failed;
            }
        }
        return written;
    }
}
