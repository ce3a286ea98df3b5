package dev.clickstream.consumer.processor;

import dev.clickstream.consumer.archive.BatchSink;
import dev.clickstream.consumer.archive.RecordBuffer;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * The archiver on one shard: buffers records, hands full (or old enough) buffers to the shard's
 * {@link CommitExecutor}, and returns from processRecords only once they are written and
 * checkpointed, which bounds memory and pushes back on the reader.
 *
 * <p>After a batch was abandoned (the lease went away during retries) the processor does nothing
 * more: it never checkpoints past a batch that is not in S3, and the KCL will call leaseLost.
 */
public final class ArchiveRecordProcessor implements ShardRecordProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveRecordProcessor.class);

    private final long maxBufferSize;
    private final long maxBufferAgeMillis;
    private final BatchSink sink;
    private final StatusCounters counters;
    private final LeaseView leases;
    private final CommitExecutor.Backoff backoff;
    private final LongSupplier nanoClock;

    private String shardId;
    private RecordBuffer buffer;
    private CommitExecutor commits;
    private boolean stopped;

    public ArchiveRecordProcessor(long maxBufferSize, long maxBufferAgeMillis, BatchSink sink, StatusCounters counters,
                                  LeaseView leases, CommitExecutor.Backoff backoff, LongSupplier nanoClock) {
        this.maxBufferSize = maxBufferSize;
        this.maxBufferAgeMillis = maxBufferAgeMillis;
        this.sink = sink;
        this.counters = counters;
        this.leases = leases;
        this.backoff = backoff;
        this.nanoClock = nanoClock;
    }

    @Override
    public void initialize(InitializationInput input) {
        shardId = input.shardId();
        buffer = new RecordBuffer(maxBufferSize, TimeUnit.MILLISECONDS.toNanos(maxBufferAgeMillis));
        commits = new CommitExecutor(shardId, sink, counters, leases, backoff);
        counters.shardStarted(shardId);
        LOG.info("Initializing record processor for shard: {} at {}", shardId, input.extendedSequenceNumber());
    }

    @Override
    public void processRecords(ProcessRecordsInput input) {
        if (stopped) {
            return;
        }
        counters.millisBehind(shardId, input.millisBehindLatest());
        RecordProcessorCheckpointer checkpointer = input.checkpointer();
        for (KinesisClientRecord record : input.records()) {
            if (buffer.add(record.data(), record.sequenceNumber(), record.subSequenceNumber(),
                    record.approximateArrivalTimestamp(), nanoClock.getAsLong())) {
                commits.submit(buffer.drain(), checkpointer);
            }
        }
        if (buffer.isDue(nanoClock.getAsLong())) {
            commits.submit(buffer.drain(), checkpointer);
        }
        awaitCommits();
    }

    @Override
    public void leaseLost(LeaseLostInput input) {
        LOG.info("Lease lost for shard {}: dropping {} buffered records without checkpoint", shardId,
                buffer == null ? 0 : buffer.records());
        stop();
    }

    @Override
    public void shardEnded(ShardEndedInput input) {
        if (stopped) {
            return; // a batch was abandoned: checkpointing the shard end now would skip it
        }
        LOG.info("Shard {} ended: uploading {} buffered records, then checkpointing the shard end", shardId,
                buffer.records());
        if (!buffer.isEmpty()) {
            commits.submit(buffer.drain(), input.checkpointer());
        }
        try {
            commits.checkpointShardEnd(input.checkpointer());
        } catch (CommitExecutor.LeaseGoneException e) {
            LOG.warn("{}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stop();
    }

    @Override
    public void shutdownRequested(ShutdownRequestedInput input) {
        if (stopped) {
            return;
        }
        LOG.info("Shutdown requested for shard {}: uploading {} buffered records", shardId, buffer.records());
        if (!buffer.isEmpty()) {
            commits.submit(buffer.drain(), input.checkpointer());
        }
        awaitCommits();
        stop();
    }

    private void awaitCommits() {
        try {
            commits.awaitAll();
        } catch (CommitExecutor.LeaseGoneException e) {
            LOG.warn("{}; this worker stops processing shard {}", e.getMessage(), shardId);
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
        }
    }

    private void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (buffer != null) {
            buffer.clear();
        }
        if (commits != null) {
            commits.abandon();
            commits.close();
        }
        if (shardId != null) {
            counters.shardStopped(shardId);
        }
    }
}
