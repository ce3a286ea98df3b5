package dev.clickstream.consumer.logger;

import dev.clickstream.common.logging.ShardMdc;
import dev.clickstream.common.status.StatusCounters;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.kinesis.exceptions.InvalidStateException;
import software.amazon.kinesis.exceptions.KinesisClientLibDependencyException;
import software.amazon.kinesis.exceptions.ShutdownException;
import software.amazon.kinesis.exceptions.ThrottlingException;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * The basic sample's processor on one shard: prints and logs every record, then checkpoints the
 * batch's last record; at shard end and on a shutdown request it calls {@code checkpoint()}. A
 * failed checkpoint is logged and left to the next batch (the records are read again after a
 * crash, which for a logger only repeats lines). Its status-line outputs are the checkpoints.
 */
public final class RecordLoggerProcessor implements ShardRecordProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(RecordLoggerProcessor.class);

    private final PrintStream console;
    private final StatusCounters counters;
    private String shardId;

    public RecordLoggerProcessor(PrintStream console, StatusCounters counters) {
        this.console = console;
        this.counters = counters;
    }

    @Override
    public void initialize(InitializationInput input) {
        shardId = input.shardId();
        counters.shardStarted(shardId);
        try (var mdc = ShardMdc.put(shardId)) {
            LOG.info("Initializing record processor for shard: {} at {}", shardId, input.extendedSequenceNumber());
        }
    }

    @Override
    public void processRecords(ProcessRecordsInput input) {
        counters.millisBehind(shardId, input.millisBehindLatest());
        List<KinesisClientRecord> records = input.records();
        if (records.isEmpty()) {
            return;
        }
        try (var mdc = ShardMdc.put(shardId)) {
            for (KinesisClientRecord record : records) {
                String line = line(shardId, record);
                LOG.info("{}", line);
                console.println(line);
            }
            console.flush();
            KinesisClientRecord last = records.get(records.size() - 1);
            checkpoint(input.checkpointer(), last.sequenceNumber(), last.subSequenceNumber());
            counters.recordsDone(records.size());
        }
    }

    @Override
    public void leaseLost(LeaseLostInput input) {
        counters.shardStopped(shardId);
        try (var mdc = ShardMdc.put(shardId)) {
            LOG.info("Lease lost: another worker goes on from its last checkpoint");
        }
    }

    @Override
    public void shardEnded(ShardEndedInput input) {
        counters.shardStopped(shardId);
        try (var mdc = ShardMdc.put(shardId)) {
            LOG.info("Shard ended: checkpointing");
            checkpoint(input.checkpointer(), null, 0);
        }
    }

    @Override
    public void shutdownRequested(ShutdownRequestedInput input) {
        counters.shardStopped(shardId);
        try (var mdc = ShardMdc.put(shardId)) {
            LOG.info("Shutdown requested: checkpointing");
            checkpoint(input.checkpointer(), null, 0);
        }
    }

    /** One line per record: shard, sequence number, partition key and the data as text, newlines escaped. */
    static String line(String shardId, KinesisClientRecord record) {
        ByteBuffer data = record.data().duplicate();
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        String text = new String(bytes, StandardCharsets.UTF_8).replace("\r", "\\r").replace("\n", "\\n");
        return "Record: shardId=" + shardId + ", sequenceNumber=" + record.sequenceNumber()
                + (record.subSequenceNumber() > 0 ? "." + record.subSequenceNumber() : "")
                + ", partitionKey=" + record.partitionKey() + ", data=" + text;
    }

    /** {@code checkpoint(sequence)} after a batch, {@code checkpoint()} (at what was delivered) when null. */
    private void checkpoint(RecordProcessorCheckpointer checkpointer, String sequence, long subSequence) {
        try {
            if (sequence == null) {
                checkpointer.checkpoint();
            } else {
                checkpointer.checkpoint(sequence, subSequence);
            }
            counters.outputsWritten(1);
            LOG.info("Checkpointed at {}", sequence == null ? "the last record delivered" : sequence);
        } catch (ShutdownException e) {
            LOG.info("Not checkpointing: this worker no longer holds the shard's lease");
        } catch (ThrottlingException | KinesisClientLibDependencyException e) {
            LOG.warn("Checkpoint failed ({}); the next batch checkpoints again", e.getMessage());
        } catch (InvalidStateException e) {
            LOG.error("Checkpoint failed: the lease table is not usable: {}", e.getMessage());
        }
    }
}
