package dev.clickstream.producer.aggregate;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.kinesis.retrieval.kpl.Messages;

/**
 * One Kinesis record being filled with user records in the KPL's aggregation format: the magic
 * bytes, the protobuf {@code AggregatedRecord} (the KCL's own generated message, with its
 * partition-key and explicit-hash-key tables), then the MD5 of the protobuf bytes.
 *
 * <p>The Kinesis record takes the first user record's partition key, and its hash key as the
 * explicit hash key, so it lands on the shard that user record would have gone to.
 */
final class AggregatedRecord {
    static final byte[] MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};
    private static final int DIGEST_BYTES = 16;
    private static final int PARTITION_KEY_TABLE = 1;
    private static final int EXPLICIT_HASH_KEY_TABLE = 2;
    private static final int RECORDS = 3;

    private final Messages.AggregatedRecord.Builder message = Messages.AggregatedRecord.newBuilder();
    private final Map<String, Integer> partitionKeys = new HashMap<>();
    private final Map<String, Integer> explicitHashKeys = new HashMap<>();
    private PutRecordsRequestEntry first;
    private String firstHashKey;
    private int protobufBytes;
    private int count;

    int count() {
        return count;
    }

    /**
     * The bytes PutRecords would count with {@code entry} added: magic, protobuf and digest, plus
     * the Kinesis record's partition key.
     */
    int sizeWith(PutRecordsRequestEntry entry) {
        String pk = entry.partitionKey();
        String ehk = entry.explicitHashKey();
        int added = 0;
        int pkIndex = partitionKeys.getOrDefault(pk, partitionKeys.size());
        if (!partitionKeys.containsKey(pk)) {
            added += CodedOutputStream.computeStringSize(PARTITION_KEY_TABLE, pk);
        }
        int data = dataLength(entry);
        int record = CodedOutputStream.computeUInt64Size(1, pkIndex)
                + CodedOutputStream.computeTagSize(3) + CodedOutputStream.computeUInt32SizeNoTag(data) + data;
        if (ehk != null) {
            int ehkIndex = explicitHashKeys.getOrDefault(ehk, explicitHashKeys.size());
            if (!explicitHashKeys.containsKey(ehk)) {
                added += CodedOutputStream.computeStringSize(EXPLICIT_HASH_KEY_TABLE, ehk);
            }
            record += CodedOutputStream.computeUInt64Size(2, ehkIndex);
        }
        added += CodedOutputStream.computeTagSize(RECORDS) + CodedOutputStream.computeUInt32SizeNoTag(record) + record;
        String outerKey = first == null ? pk : first.partitionKey();
        return MAGIC.length + protobufBytes + added + DIGEST_BYTES + outerKey.length();
    }

    /** Adds a user record; {@code hashKey} is where Kinesis would route it (decimal). */
    void add(PutRecordsRequestEntry entry, String hashKey) {
        protobufBytes = sizeWith(entry) - MAGIC.length - DIGEST_BYTES
                - (first == null ? entry.partitionKey() : first.partitionKey()).length();
        if (first == null) {
            first = entry;
            firstHashKey = hashKey;
        }
        Messages.Record.Builder record = Messages.Record.newBuilder()
                .setPartitionKeyIndex(index(partitionKeys, entry.partitionKey(), true))
                .setData(ByteString.copyFrom(entry.data().asByteBuffer()));
        if (entry.explicitHashKey() != null) {
            record.setExplicitHashKeyIndex(index(explicitHashKeys, entry.explicitHashKey(), false));
        }
        message.addRecords(record);
        count++;
    }

    /** The Kinesis record to send; a lone user record goes out as it is, as the KPL does. */
    PutRecordsRequestEntry toEntry() {
        if (count == 1) {
            return first;
        }
        byte[] protobuf = message.build().toByteArray();
        ByteBuffer data = ByteBuffer.allocate(MAGIC.length + protobuf.length + DIGEST_BYTES);
        data.put(MAGIC).put(protobuf).put(md5(protobuf));
        return PutRecordsRequestEntry.builder()
                .partitionKey(first.partitionKey())
                .explicitHashKey(firstHashKey)
                .data(SdkBytes.fromByteArrayUnsafe(data.array()))
                .build();
    }

    private int index(Map<String, Integer> table, String key, boolean partitionKey) {
        Integer known = table.get(key);
        if (known != null) {
            return known;
        }
        int index = table.size();
        table.put(key, index);
        if (partitionKey) {
            message.addPartitionKeyTable(key);
        } else {
            message.addExplicitHashKeyTable(key);
        }
        return index;
    }

    private static int dataLength(PutRecordsRequestEntry entry) {
        return entry.data().asByteBuffer().remaining();
    }

    private static byte[] md5(byte[] bytes) {
        try {
            return MessageDigest.getInstance("MD5").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JVM", e);
        }
    }
}
