package dev.clickstream.counter.kcl;

import dev.clickstream.common.event.ClickEvent;
import dev.clickstream.common.event.ClickEventCodec;
import dev.clickstream.common.logging.ShardMdc;
import dev.clickstream.common.status.StatusCounters;
import dev.clickstream.counter.CounterListener;
import dev.clickstream.counter.CounterSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
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
 * One shard's processor: parses clicks, adds them to the worker's shared window, and checkpoints
 * only past records whose counts are in the table. Checkpoints happen in processRecords, so the
 * hosting KCL app must set {@code callProcessRecordsEvenForEmptyRecordList = true}: otherwise a
 * shard that goes quiet never checkpoints its last records. Each method puts the shard id in the
 * MDC ({@link ShardMdc}) for the lines it logs.
 */
public final class CountingRecordProcessor implements ShardRecordProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(CountingRecordProcessor.class);

    /** The last record of a batch and the generation its counts went into. */
    private record Pending(String sequenceNumber, long subSequenceNumber, long generation) {}

    private final CountingEngine engine;
    private final CounterSettings settings;
    private final MalformedRecords malformed;
    private final CounterListener listener;
    private final StatusCounters status;
    private final Clock clock;
    private final Deque<Pending> pending = new ArrayDeque<>();
    private String shardId = "unknown-shard";
    private Instant lastCheckpoint;

    public CountingRecordProcessor(CountingEngine engine, CounterSettings settings, MalformedRecords malformed,
                                   CounterListener listener, StatusCounters status, Clock clock) {
        this.engine = engine;
        this.settings = settings;
        this.malformed = malformed;
        this.listener = listener;
        this.status = status;
        this.clock = clock;
    }

    @Override
    public void initialize(InitializationInput input) {
        shardId = input.shardId();
        lastCheckpoint = clock.instant();
        status.shardStarted(shardId);
        try (var mdc = ShardMdc.put(shardId)) {
            LOG.info("counting {} from {}", shardId, input.extendedSequenceNumber());
        }
    }

    @Override
    public void processRecords(ProcessRecordsInput input) {
        status.millisBehind(shardId, input.millisBehindLatest());
        try (var mdc = ShardMdc.put(shardId)) {
            List<KinesisClientRecord> records = input.records();
            if (!records.isEmpty()) {
                count(records);
                status.recordsDone(records.size());
            }
            if (Duration.between(lastCheckpoint, clock.instant()).compareTo(settings.checkpointInterval()) >= 0) {
                checkpointCovered(input.checkpointer());
            }
        }
    }

    private void count(List<KinesisClientRecord> records) {
        List<CountingEngine.Pair> pairs = new ArrayList<>(records.size());
        int bad = 0;
        Instant now = clock.instant();
        for (KinesisClientRecord record : records) {
            Optional<ClickEvent> event = ClickEventCodec.parse(record.data());
            if (event.isEmpty() || event.get().resource().isBlank() || event.get().referrer().isBlank()
                    || !Referrers.isUsableResource(event.get().resource())) {
                bad++;
                malformed.record(shardId, record.sequenceNumber());
                continue;
            }
            Instant arrived = record.approximateArrivalTimestamp() == null ? now : record.approximateArrivalTimestamp();
            pairs.add(new CountingEngine.Pair(event.get().resource(), Referrers.bound(event.get().referrer()), arrived));
        }
        if (bad > 0) {
            status.recordsSkipped(bad);
        }
        CountingEngine.Added added = engine.add(pairs);
        KinesisClientRecord last = records.get(records.size() - 1);
        Pending newest = new Pending(last.sequenceNumber(), last.subSequenceNumber(), added.generation());
        if (!pending.isEmpty() && pending.peekLast().generation() == newest.generation()) {
            pending.pollLast(); // same write covers both: keep only the later position
        }
        pending.addLast(newest);
        listener.recordsProcessed(shardId, added.counted(), added.late(), bad);
    }

    /** Checkpoints at the newest record whose counts are written; returns whether everything is covered. */
    private boolean checkpointCovered(RecordProcessorCheckpointer checkpointer) {
        Pending covered = null;
        while (!pending.isEmpty() && engine.isCovered(pending.peekFirst().generation())) {
            covered = pending.pollFirst();
        }
        if (covered != null) {
            try {
                checkpointer.checkpoint(covered.sequenceNumber(), covered.subSequenceNumber());
                lastCheckpoint = clock.instant();
                listener.checkpointed(shardId, covered.sequenceNumber());
                LOG.debug("checkpointed at {}", covered.sequenceNumber());
            } catch (ThrottlingException | KinesisClientLibDependencyException e) {
                pending.addFirst(covered); // try again next time
                LOG.warn("checkpoint deferred: {}", e.toString());
            } catch (ShutdownException | InvalidStateException e) {
                LOG.warn("cannot checkpoint (lease lost or table gone): {}", e.toString());
            }
        }
        return pending.isEmpty();
    }

    @Override
    public void leaseLost(LeaseLostInput input) {
        // Another worker owns the shard now and will count from our last checkpoint.
        try (var mdc = ShardMdc.put(shardId)) {
            LOG.info("lease lost");
        }
        pending.clear();
        status.shardStopped(shardId);
    }

    @Override
    public void shardEnded(ShardEndedInput input) {
        try (var mdc = ShardMdc.put(shardId)) {
            flushAndCheckpoint(input.checkpointer());
            if (!pending.isEmpty()) {
                // Without the checkpoint the KCL runs this again later, and the children wait: no count is lost.
                LOG.warn("shard ended but its last counts are not written yet; not checkpointing the end");
                return;
            }
            input.checkpointer().checkpoint();
            LOG.info("shard ended; checkpointed its end");
        } catch (ShutdownException | InvalidStateException e) {
            LOG.warn("cannot checkpoint the shard end: {}", e.toString());
        }
    }

    @Override
    public void shutdownRequested(ShutdownRequestedInput input) {
        try (var mdc = ShardMdc.put(shardId)) {
            flushAndCheckpoint(input.checkpointer());
        }
    }

    /** Both graceful ends: write what is counted and checkpoint what the writes cover. */
    private void flushAndCheckpoint(RecordProcessorCheckpointer checkpointer) {
        status.shardStopped(shardId);
        engine.flushNow();
        checkpointCovered(checkpointer);
    }
}
