package dev.clickstream.consumer.archive;

import dev.clickstream.common.logging.ShardMdc;
import dev.clickstream.common.status.StatusCounters;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
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
 * The archiver on one shard, top of its path: record processor → {@link RecordBuffer} →
 * {@link CommitExecutor} → {@link BatchSink} (the uploader) → checkpoint. processRecords cuts
 * batches (size, record time, or the wall clock on an idle shard), hands each to the commit
 * executor and goes back to reading while it uploads; only a full queue makes it wait.
 *
 * <p>shardEnded and shutdownRequested wait until everything queued is uploaded and checkpointed;
 * leaseLost drops the queue without checkpointing. After a batch was abandoned (the lease went
 * away during retries) the processor does nothing more: it never checkpoints past a batch that is
 * not in S3, and the KCL will call leaseLost.
 *
 * <p>Each method puts the shard id in the MDC ({@link ShardMdc}) for the lines it logs, as the
 * commit executor's thread does for its own.
 */
public final class ArchiveRecordProcessor implements ShardRecordProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveRecordProcessor.class);

    private final ArchiverSettings settings;
    private final BatchSink sink;
    private final StatusCounters counters;
    private final LeaseView leases;
    private final CommitExecutor.Backoff backoff;
    private final InstantSource clock;

    private String shardId;
    private RecordBuffer buffer;
    private CommitExecutor commits;
    private boolean stopped;

    public ArchiveRecordProcessor(ArchiverSettings settings, BatchSink sink, StatusCounters counters,
                                  LeaseView leases, CommitExecutor.Backoff backoff, InstantSource clock) {
        this.settings = settings;
        this.sink = sink;
        this.counters = counters;
        this.leases = leases;
        this.backoff = backoff;
        this.clock = clock;
    }

    @Override
    public void initialize(InitializationInput input) {
        shardId = input.shardId();
        try (var mdc = ShardMdc.put(shardId)) {
            buffer = new RecordBuffer(settings.bufferSize(), settings.bufferAgeMillis(), S3BatchUploader.splits(settings));
            commits = new CommitExecutor(shardId, sink, counters, leases, backoff, settings.maxQueuedBatches());
            counters.shardStarted(shardId);
            LOG.info("Initializing record processor for shard: {} at {}", shardId, input.extendedSequenceNumber());
        }
    }

    @Override
    public void processRecords(ProcessRecordsInput input) {
        if (stopped) {
            return;
        }
        try (var mdc = ShardMdc.put(shardId)) {
            process(input);
        }
    }

    private void process(ProcessRecordsInput input) {
        counters.millisBehind(shardId, input.millisBehindLatest());
        RecordProcessorCheckpointer checkpointer = input.checkpointer();
        List<KinesisClientRecord> records = input.records();
        // one reading per call: the records of one answer were all read at the same moment
        long now = clock.millis();
        try {
            commits.collectFinished();
            for (KinesisClientRecord record : records) {
                long arrival = arrivalMillis(record);
                if (buffer.isDueBefore(arrival)) {
                    commits.submit(buffer.drain(), checkpointer);
                }
                if (buffer.add(record.data(), record.sequenceNumber(), record.subSequenceNumber(),
                        Objects.requireNonNullElse(record.partitionKey(), ""), arrival, now)) {
                    commits.submit(buffer.drain(), checkpointer);
                }
            }
            // the only cuts that depend on the clock, and so the only ones a replay may cut differently:
            // an idle shard's, and the same batch one read sooner at the tip of a quiet shard (the
            // tail of a backlog), which saves the idle pause and the empty read that would cut it
            if (records.isEmpty() ? buffer.isDue(now) : atTip(input) && buffer.isQuiet(now)) {
                commits.submit(buffer.drain(), checkpointer);
            }
        } catch (CommitExecutor.LeaseGoneException e) {
            LOG.warn("{}; this worker stops processing the shard", e.getMessage());
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
        }
    }

    private static boolean atTip(ProcessRecordsInput input) {
        Long behind = input.millisBehindLatest();
        return behind != null && behind == 0;
    }

    @Override
    public void leaseLost(LeaseLostInput input) {
        try (var mdc = ShardMdc.put(shardId)) {
            LOG.info("Lease lost: dropping {} buffered records and {} queued batches without checkpoint",
                    buffer == null ? 0 : buffer.records(), commits == null ? 0 : commits.queued());
            stop();
        }
    }

    @Override
    public void shardEnded(ShardEndedInput input) {
        finish("", () -> {
            LOG.info("Shard ended: uploading {} buffered records, then checkpointing the shard end", buffer.records());
            submitRest(input.checkpointer());
            commits.checkpointShardEnd(input.checkpointer());
        });
    }

    @Override
    public void shutdownRequested(ShutdownRequestedInput input) {
        finish("; the shard is left to its next owner", () -> {
            LOG.info("Shutdown requested: uploading {} buffered records", buffer.records());
            submitRest(input.checkpointer());
            commits.awaitAll();
        });
    }

    /** The steps of a graceful end. */
    private interface Finish {
        void run() throws CommitExecutor.LeaseGoneException, InterruptedException;
    }

    /**
     * The one path of a graceful end (shard end, shutdown request): its steps, then {@link #stop()}.
     * Nothing once the processor has stopped: after an abandoned batch, a checkpoint would skip it.
     */
    private void finish(String leaseGoneNote, Finish steps) {
        if (stopped) {
            return;
        }
        try (var mdc = ShardMdc.put(shardId)) {
            steps.run();
        } catch (CommitExecutor.LeaseGoneException e) {
            LOG.warn("{}{}", e.getMessage(), leaseGoneNote);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stop();
        }
    }

    private void submitRest(RecordProcessorCheckpointer checkpointer) throws CommitExecutor.LeaseGoneException,
            InterruptedException {
        if (!buffer.isEmpty()) {
            commits.submit(buffer.drain(), checkpointer);
        }
    }

    private static long arrivalMillis(KinesisClientRecord record) {
        Instant arrival = record.approximateArrivalTimestamp();
        // always set by Kinesis; 0 only for records made up outside it
        return arrival == null ? 0 : arrival.toEpochMilli();
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
