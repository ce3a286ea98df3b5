package dev.clickstream.tools.verify;

import com.google.protobuf.InvalidProtocolBufferException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.kinesis.retrieval.kpl.Messages;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Reads one shard from TRIM_HORIZON up to a sequence number (or to its end), keeping the
 * sequence numbers of the records the archiver would have written: those with data (it skips
 * empty records).
 */
record StreamScan(KinesisClient kinesis, String stream, Progress progress) {
    /** How the KPL marks an aggregated record: its data starts with these four bytes. */
    private static final byte[] KPL_MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};
    private static final int MD5_BYTES = 16;

    /** The records up to and including {@code upTo} (empty: the whole shard); empty if the shard is gone. */
    Optional<StreamRecords> read(String shardId, Optional<BigInteger> upTo, long checkpointSub) {
        List<BigInteger> sequences = new ArrayList<>();
        Set<BigInteger> aggregates = new HashSet<>();
        Map<BigInteger, Integer> userRecords = new HashMap<>();
        String iterator;
        try {
            iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shardId)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
        while (iterator != null) {
            String from = iterator;
            GetRecordsResponse page = kinesis.getRecords(r -> r.shardIterator(from).limit(10_000));
            for (Record record : page.records()) {
                BigInteger sequence = new BigInteger(record.sequenceNumber());
                if (upTo.isPresent() && sequence.compareTo(upTo.get()) > 0) {
                    return Optional.of(new StreamRecords(sequences, aggregates, userRecords, checkpointSub));
                }
                byte[] data = record.data().asByteArrayUnsafe();
                if (data.length > 0) {
                    sequences.add(sequence);
                }
                if (isAggregate(data)) {
                    aggregates.add(sequence);
                    userRecords.put(sequence, userRecordsWithData(data));
                }
            }
            progress.update("read " + sequences.size() + " records of " + shardId + " from the stream");
            boolean caughtUp = page.records().isEmpty() && Long.valueOf(0).equals(page.millisBehindLatest());
            iterator = caughtUp ? null : page.nextShardIterator(); // null also at the end of a closed shard
        }
        return Optional.of(new StreamRecords(sequences, aggregates, userRecords, checkpointSub));
    }

    /**
     * The user records with data in a KPL aggregate (magic, protobuf AggregatedRecord, MD5): the
     * archiver writes those and skips empty ones. One when the protobuf does not parse.
     */
    private static int userRecordsWithData(byte[] data) {
        try {
            Messages.AggregatedRecord aggregate = Messages.AggregatedRecord.parseFrom(
                    ByteBuffer.wrap(data, KPL_MAGIC.length, data.length - KPL_MAGIC.length - MD5_BYTES));
            return (int) aggregate.getRecordsList().stream().filter(r -> !r.getData().isEmpty()).count();
        } catch (InvalidProtocolBufferException | IndexOutOfBoundsException | IllegalArgumentException e) {
            return 1;
        }
    }

    private static boolean isAggregate(byte[] data) {
        if (data.length < KPL_MAGIC.length) {
            return false;
        }
        for (int i = 0; i < KPL_MAGIC.length; i++) {
            if (data[i] != KPL_MAGIC[i]) {
                return false;
            }
        }
        return true;
    }
}
