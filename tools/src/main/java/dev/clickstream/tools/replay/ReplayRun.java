package dev.clickstream.tools.replay;

import dev.clickstream.common.cli.CliException;
import dev.clickstream.common.concurrent.DaemonThreads;
import dev.clickstream.common.errors.Errors;
import dev.clickstream.producer.send.Batch;
import dev.clickstream.producer.send.BatchSender;
import dev.clickstream.producer.send.Pacer;
import dev.clickstream.producer.send.SendStats;
import dev.clickstream.tools.archive.ArchiveRecord;
import dev.clickstream.tools.archive.ArchivedObject;
import dev.clickstream.tools.archive.ObjectFormats;
import dev.clickstream.tools.archive.RecordReader;
import dev.clickstream.tools.replay.ReplayState.Segment;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Reads the selected objects in order and puts their records with the producer's
 * {@link BatchSender}: PutRecords calls, only the failed entries resent with back-off, paced by
 * the producer's {@link Pacer}. One call is in flight at a time, so each source shard's records
 * go out in their order and a kill leaves at most one call unconfirmed; the journal says which.
 */
final class ReplayRun {
    private static final Logger LOG = LoggerFactory.getLogger(ReplayRun.class);
    private static final Duration RECHECK = Duration.ofSeconds(1);
    /** Records of one call: the PutRecords limit without aggregation; aggregated, what fits in about 4 MiB. */
    static final int MAX_PLAIN_RECORDS = 500;
    static final int MAX_AGGREGATED_RECORDS = 10_000;
    /** Data plus keys of one call, below the 5 MiB request limit with room for aggregation's framing. */
    private static final long MAX_CALL_BYTES = 4L * 1024 * 1024;

    /** Totals for the summary. */
    record Totals(long objects, long records, long bytes, long objectsDoneBefore) {}

    private final S3Client s3;
    private final String bucket;
    private final KinesisClient kinesis;
    private final String stream;
    private final ReplayState state;
    private final ReplayState.Progress before;
    private final Selection selection;
    private final PartitionKeys keys;
    private final Function<List<PutRecordsRequestEntry>, Batch> packer;
    private final int recordsPerCall;
    private final Pacer pacer;
    private final int maxRetries;
    private final SendStats stats;

    private final List<PutRecordsRequestEntry> entries = new ArrayList<>();
    private final List<Segment> segments = new ArrayList<>();
    private long callBytes;
    private long objects;
    private long records;
    private long bytes;
    private long objectsDoneBefore;

    ReplayRun(S3Client s3, String bucket, KinesisClient kinesis, String stream, ReplayState state,
              ReplayState.Progress before, Selection selection, PartitionKeys keys,
              Function<List<PutRecordsRequestEntry>, Batch> packer, int recordsPerCall, Pacer pacer, int maxRetries,
              SendStats stats) {
        this.s3 = s3;
        this.bucket = bucket;
        this.kinesis = kinesis;
        this.stream = stream;
        this.state = state;
        this.before = before;
        this.selection = selection;
        this.keys = keys;
        this.packer = packer;
        this.recordsPerCall = recordsPerCall;
        this.pacer = pacer;
        this.maxRetries = maxRetries;
        this.stats = stats;
    }

    /** Puts every selected record; a CliException (exit 1) when a record failed for good or an object is unreadable. */
    Totals run(List<Selection.Dated> selected, BackoffStrategy backoff) throws InterruptedException {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("replay-retry"));
        ExecutorService callers = Executors.newSingleThreadExecutor(DaemonThreads.named("replay-put"));
        try {
            BatchSender sender = new BatchSender(kinesis, callers, stream, 1, maxRetries, backoff, scheduler, stats);
            for (Selection.Dated d : selected) {
                ArchivedObject o = d.object();
                if (before.done().contains(o.key())) {
                    objectsDoneBefore++;
                    continue;
                }
                objects++;
                replayObject(o, sender);
            }
            flush(sender);
            return new Totals(objects, records, bytes, objectsDoneBefore);
        } finally {
            scheduler.shutdownNow();
            callers.shutdownNow();
        }
    }

    private void replayObject(ArchivedObject o, BatchSender sender) throws InterruptedException {
        long alreadyPut = before.acknowledged(o.key());
        long position = 0;
        try (RecordReader reader = ObjectFormats.of(o.encoding())
                .open(o, s3.getObject(r -> r.bucket(bucket).key(o.key())))) {
            for (ArchiveRecord record; (record = reader.next()) != null; position++) {
                if (position < alreadyPut) {
                    continue;
                }
                if (!selection.accepts(record)) {
                    extend(o.key(), position);
                    continue;
                }
                byte[] data = record.payload();
                String key = keys.keyOf(record);
                long size = data.length + key.length();
                if (!entries.isEmpty() && (entries.size() >= recordsPerCall || callBytes + size > MAX_CALL_BYTES)) {
                    flush(sender);
                }
                entries.add(PutRecordsRequestEntry.builder().partitionKey(key).data(SdkBytes.fromByteArray(data))
                        .build());
                callBytes += size;
                bytes += data.length;
                records++;
                extend(o.key(), position);
            }
        } catch (IOException e) {
            throw CliException.runtime("cannot read object " + o.key() + ": " + Errors.describe(e)
                    + "; progress is kept: after a fix, run again with --resume");
        }
        if (!segments.isEmpty() && segments.get(segments.size() - 1).key().equals(o.key())) {
            Segment last = segments.remove(segments.size() - 1);
            segments.add(new Segment(last.key(), last.from(), last.to(), true));
        } else {
            state.done(o.key()); // its last records went out in a call that is acknowledged already
        }
    }

    /** The current call covers the object's records up to {@code position}. */
    private void extend(String key, long position) {
        if (!segments.isEmpty() && segments.get(segments.size() - 1).key().equals(key)) {
            Segment last = segments.remove(segments.size() - 1);
            segments.add(new Segment(key, last.from(), position + 1, false));
        } else {
            segments.add(new Segment(key, position, position + 1, false));
        }
    }

    /** Sends the current call and waits until all of it is acknowledged; exit 1 if a record failed for good. */
    private void flush(BatchSender sender) throws InterruptedException {
        if (segments.isEmpty()) {
            return;
        }
        List<Segment> carried = List.copyOf(segments);
        if (entries.isEmpty()) {
            // only records outside the time range: nothing to put, but the positions are done
            state.acked(state.sending(carried, 0), carried);
            segments.clear();
            return;
        }
        long call = state.sending(carried, entries.size());
        Batch batch = packer.apply(List.copyOf(entries));
        pacer.awaitNext();
        while (!sender.acquireSlot(RECHECK)) {
            LOG.debug("waiting for the call in flight");
        }
        long failedBefore = stats.snapshot().failed();
        sender.send(batch);
        while (!sender.awaitIdle(RECHECK)) {
            LOG.debug("call {} still in flight", call);
        }
        long failed = stats.snapshot().failed() - failedBefore;
        if (failed > 0) {
            Optional<String> why = sender.fatalError().map(Errors::describe);
            throw new Failed(failed, why.orElse("still failing after " + maxRetries + " retries"));
        }
        state.acked(call, carried);
        entries.clear();
        segments.clear();
        callBytes = 0;
    }

    Totals totalsSoFar() {
        return new Totals(objects, records, bytes, objectsDoneBefore);
    }

    /** Records of a call failed for good: the run stops, and the state keeps them for --resume. */
    static final class Failed extends RuntimeException {
        final long records;

        Failed(long records, String why) {
            super(records + " records were not acknowledged (" + why + ")");
            this.records = records;
        }
    }
}
