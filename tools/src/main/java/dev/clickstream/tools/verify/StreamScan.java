package dev.clickstream.tools.verify;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Reads one shard from TRIM_HORIZON up to a sequence number (or to its end), keeping the
 * sequence numbers of the records the archiver would have written: those with data (it skips
 * empty records).
 */
final class StreamScan {
    private final KinesisClient kinesis;
    private final String stream;
    private final Progress progress;

    StreamScan(KinesisClient kinesis, String stream, Progress progress) {
        this.kinesis = kinesis;
        this.stream = stream;
        this.progress = progress;
    }

    /** Sequence numbers in order, up to and including {@code upTo} (empty: the whole shard); empty if the shard is gone. */
    Optional<List<BigInteger>> read(String shardId, Optional<BigInteger> upTo) {
        List<BigInteger> sequences = new ArrayList<>();
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
                    return Optional.of(sequences);
                }
                if (record.data().asByteArrayUnsafe().length > 0) {
                    sequences.add(sequence);
                }
            }
            progress.update("read " + sequences.size() + " records of " + shardId + " from the stream");
            boolean caughtUp = page.records().isEmpty() && Long.valueOf(0).equals(page.millisBehindLatest());
            iterator = caughtUp ? null : page.nextShardIterator(); // null also at the end of a closed shard
        }
        return Optional.of(sequences);
    }
}
