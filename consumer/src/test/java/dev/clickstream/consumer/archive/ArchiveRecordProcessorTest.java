package dev.clickstream.consumer.archive;

import dev.clickstream.archive.layout.Compression;
import dev.clickstream.archive.layout.TimePrefix;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.common.status.StatusCounters;
import dev.clickstream.testsupport.FakeCheckpointer;
import dev.clickstream.testsupport.Poll;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * The pipelined commit path's rules, on the record processor with a fake sink and the shared fake
 * checkpointer: the reader goes on while an upload runs, at most K batches are queued, order is
 * strict, no checkpoint passes data not written, shard end and shutdown wait, a lost lease does not.
 */
class ArchiveRecordProcessorTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final CommitExecutor.Backoff FAST = new CommitExecutor.Backoff(Duration.ofMillis(1), Duration.ofMillis(5));
    /** Records are "r<n>" plus a newline: a 9-byte buffer is full after 3 of them. */
    private static final long SIZE = 9;

    /** A batch as it reached the sink, with the last checkpoint written by then (null: none). */
    record Entry(String firstSequence, String checkpoint) {}

    /**
     * Keeps each batch it is given as "first-last"; can be made to wait or fail. It asserts
     * nothing itself: it runs on the commit thread, where a failed assertion would only abandon
     * the batch. What it records is checked on the test thread ({@link #releaseSink}).
     */
    final class FakeSink implements BatchSink {
        final List<String> written = new CopyOnWriteArrayList<>();
        final List<String> entered = new CopyOnWriteArrayList<>();
        final List<Entry> entries = new CopyOnWriteArrayList<>();
        volatile CountDownLatch gate = new CountDownLatch(0);
        volatile boolean failing;

        @Override
        public Written write(String shardId, Batch batch) throws Exception {
            String range = batch.firstSequence() + "-" + batch.lastSequence();
            List<String> done = checkpointer.checkpoints();
            entries.add(new Entry(batch.firstSequence(), done.isEmpty() ? null : done.get(done.size() - 1)));
            entered.add(range);
            gate.await();
            if (failing) {
                throw new IllegalStateException("S3 down");
            }
            written.add(range);
            return Written.one(range);
        }
    }

    private volatile FakeCheckpointer checkpointer = new FakeCheckpointer();
    private final FakeSink sink = new FakeSink();
    private final AtomicBoolean leaseHeld = new AtomicBoolean(true);
    private final AtomicLong nanos = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private int sequence;

    @AfterEach
    void releaseSink() throws InterruptedException {
        sink.gate.countDown();
        for (Thread t : threads) {
            t.join(DEADLINE.toMillis());
        }
        // the checkpoint is never past data that is not yet written
        for (Entry entry : sink.entries) {
            if (entry.checkpoint() != null) {
                assertThat(entry.checkpoint()).as("the checkpoint when batch %s reached the sink", entry.firstSequence())
                        .matches("\\d+");
                assertThat(Long.parseLong(entry.checkpoint())).as("the checkpoint when batch %s reached the sink",
                        entry.firstSequence()).isLessThan(Long.parseLong(entry.firstSequence()));
            }
        }
    }

    private ArchiveRecordProcessor processor(long maxAgeMillis, int maxQueued) {
        ArchiverSettings settings = new ArchiverSettings("bucket", false, SIZE, maxAgeMillis, maxQueued, "",
                TimePrefix.NONE, Compression.NONE);
        ArchiveRecordProcessor p = new ArchiveRecordProcessor(settings, sink, new StatusCounters(),
                shard -> leaseHeld.get(), FAST, () -> Instant.ofEpochSecond(0, nanos.get()));
        p.initialize(InitializationInput.builder().shardId("shardId-000000000000").build());
        return p;
    }

    /** Records numbered on from the last, arriving at the given offsets from T0 in milliseconds. */
    private List<KinesisClientRecord> records(long... arrivalOffsets) {
        List<KinesisClientRecord> list = new ArrayList<>();
        for (long offset : arrivalOffsets) {
            sequence++;
            list.add(KinesisClientRecord.builder().sequenceNumber(Integer.toString(sequence)).partitionKey("k")
                    .approximateArrivalTimestamp(T0.plusMillis(offset))
                    .data(ByteBuffer.wrap(("r" + sequence).getBytes(StandardCharsets.UTF_8))).build());
        }
        return list;
    }

    private List<KinesisClientRecord> sameTime(int count) {
        return records(new long[count]);
    }

    private ProcessRecordsInput input(List<KinesisClientRecord> records) {
        return ProcessRecordsInput.builder().records(records).checkpointer(checkpointer).millisBehindLatest(0L).build();
    }

    /** An answer behind the tip of the shard: more records follow at once. */
    private ProcessRecordsInput behind(List<KinesisClientRecord> records) {
        return ProcessRecordsInput.builder().records(records).checkpointer(checkpointer).millisBehindLatest(60_000L)
                .build();
    }

    /** Runs a KCL call on its own thread, as the KCL would, so the test can see whether it waits. */
    private Thread call(Runnable kclCall) {
        Thread t = new Thread(kclCall, "kcl-call");
        t.setDaemon(true);
        threads.add(t);
        t.start();
        return t;
    }

    private void awaitBlocked(Thread t) {
        Poll.until(DEADLINE, t.getName() + " waiting", () -> t.getState() == Thread.State.WAITING
                || t.getState() == Thread.State.TIMED_WAITING);
    }

    private void awaitEnded(Thread t) {
        Poll.until(DEADLINE, t.getName() + " returned", () -> !t.isAlive());
    }

    @Test
    void processRecordsReturnsWhileTheUploadRuns() {
        ArchiveRecordProcessor p = processor(0, 2);
        sink.gate = new CountDownLatch(1);
        awaitEnded(call(() -> p.processRecords(input(sameTime(3)))));
        Poll.until(DEADLINE, "the upload started", () -> sink.entered.size() == 1);
        assertThat(checkpointer.checkpoints()).as("not written yet, so not checkpointed").isEmpty();

        sink.gate.countDown();
        Poll.until(DEADLINE, "checkpointed", () -> checkpointer.checkpoints().equals(List.of("3")));
        assertThat(sink.written).containsExactly("1-3");
    }

    @Test
    void atMostKBatchesAreQueuedThenTheReaderWaitsAndOrderStaysStrict() {
        ArchiveRecordProcessor p = processor(0, 2);
        sink.gate = new CountDownLatch(1);
        // four full batches: two are queued, the third waits for a free place, the fourth is not cut yet
        Thread reader = call(() -> p.processRecords(input(sameTime(12))));
        awaitBlocked(reader);
        Poll.until(DEADLINE, "the first upload started", () -> sink.entered.size() == 1);
        assertThat(reader.isAlive()).as("the reader waits while K batches are queued").isTrue();
        assertThat(checkpointer.checkpoints()).isEmpty();

        sink.gate.countDown();
        awaitEnded(reader);
        Poll.until(DEADLINE, "all four committed", () -> checkpointer.checkpoints().size() == 4);
        assertThat(sink.written).containsExactly("1-3", "4-6", "7-9", "10-12");
        assertThat(checkpointer.checkpoints()).containsExactly("3", "6", "9", "12");
    }

    @Test
    void shardEndedWaitsForTheQueueThenCheckpointsTheEnd() {
        ArchiveRecordProcessor p = processor(0, 2);
        sink.gate = new CountDownLatch(1);
        p.processRecords(input(sameTime(4))); // one batch queued, one record buffered
        Thread end = call(() -> p.shardEnded(ShardEndedInput.builder().checkpointer(checkpointer).build()));
        awaitBlocked(end);
        assertThat(checkpointer.checkpoints()).isEmpty();

        sink.gate.countDown();
        awaitEnded(end);
        assertThat(sink.written).containsExactly("1-3", "4-4");
        assertThat(checkpointer.checkpoints()).containsExactly("3", "4", "SHARD_END");
    }

    @Test
    void shutdownRequestedWaitsForTheQueueAndUploadsWhatIsBuffered() {
        ArchiveRecordProcessor p = processor(0, 2);
        sink.gate = new CountDownLatch(1);
        p.processRecords(input(sameTime(5)));
        Thread shutdown = call(() -> p.shutdownRequested(ShutdownRequestedInput.builder().checkpointer(checkpointer).build()));
        awaitBlocked(shutdown);

        sink.gate.countDown();
        awaitEnded(shutdown);
        assertThat(sink.written).containsExactly("1-3", "4-5");
        assertThat(checkpointer.checkpoints()).containsExactly("3", "5");
    }

    @Test
    void leaseLostAbandonsTheQueueWithoutWaitingOrCheckpointing() {
        ArchiveRecordProcessor p = processor(0, 2);
        sink.gate = new CountDownLatch(1);
        p.processRecords(input(sameTime(6))); // two batches queued, the first uploading
        Poll.until(DEADLINE, "the first upload started", () -> sink.entered.size() == 1);

        awaitEnded(call(() -> p.leaseLost(LeaseLostInput.builder().build())));
        sink.gate.countDown();
        p.processRecords(input(sameTime(3)));
        p.shardEnded(ShardEndedInput.builder().checkpointer(checkpointer).build());

        assertThat(sink.entered).as("the queued batch is never uploaded").containsExactly("1-3");
        assertThat(checkpointer.checkpoints()).isEmpty();
    }

    @Test
    void aBatchAbandonedOnALostLeaseStopsTheShardWithoutCheckpointingPastIt() {
        ArchiveRecordProcessor p = processor(0, 2);
        sink.failing = true;
        leaseHeld.set(false);
        p.processRecords(input(sameTime(3)));
        Poll.until(DEADLINE, "the upload was tried", () -> !sink.entered.isEmpty());
        p.processRecords(input(sameTime(3)));
        p.shardEnded(ShardEndedInput.builder().checkpointer(checkpointer).build());

        assertThat(sink.written).isEmpty();
        assertThat(checkpointer.checkpoints()).isEmpty();
    }

    @Test
    void recordTimeCutsDependOnlyOnTheRecordsSoAReplayCutsTheSameBatches() {
        long[] arrivals = {0, 400, 1000, 1500, 1999, 2100};
        ArchiveRecordProcessor first = processor(1000, 2);
        // read in one call, with the local clock far on: the clock plays no part while records come
        nanos.set(Duration.ofHours(1).toNanos());
        List<KinesisClientRecord> all = records(arrivals);
        first.processRecords(input(all.subList(0, 2)));
        first.processRecords(input(all.subList(2, 6)));
        first.shutdownRequested(ShutdownRequestedInput.builder().checkpointer(checkpointer).build());
        List<String> firstRun = List.copyOf(sink.written);

        sink.written.clear();
        checkpointer = new FakeCheckpointer(); // the replay starts from no checkpoint, like the first run
        ArchiveRecordProcessor replay = processor(1000, 2);
        nanos.set(0);
        for (KinesisClientRecord r : all) {
            replay.processRecords(input(List.of(r)));
        }
        replay.shutdownRequested(ShutdownRequestedInput.builder().checkpointer(checkpointer).build());

        // record 3 arrived 1000 ms after record 1, so it starts a batch; 3-5 is cut by size
        assertThat(firstRun).containsExactly("1-2", "3-5", "6-6");
        assertThat(sink.written).isEqualTo(firstRun);
    }

    @Test
    void anIdleShardFlushesByTheClockOnceTheBufferIsOldEnough() {
        ArchiveRecordProcessor p = processor(1000, 2);
        p.processRecords(input(records(0, 5000))); // record time: 5000 cuts after the first record
        Poll.until(DEADLINE, "the record-time batch", () -> sink.written.size() == 1);

        nanos.addAndGet(Duration.ofMillis(999).toNanos());
        p.processRecords(input(List.of())); // not yet 1000 ms old: no cut
        p.processRecords(input(records(new long[] {5010}))); // so record 3 joins record 2
        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        p.processRecords(input(List.of()));

        Poll.until(DEADLINE, "the idle flush", () -> checkpointer.checkpoints().size() == 2);
        // a cut at 999 ms would have given 2-2 here, and held record 3 for another second
        assertThat(sink.written).containsExactly("1-1", "2-3");
    }

    @Test
    void theTailOfABacklogIsFlushedAtTheFirstEmptyRead() {
        ArchiveRecordProcessor p = processor(1000, 2);
        nanos.set(Duration.between(Instant.EPOCH, T0.plus(Duration.ofHours(1))).toNanos());
        // two records do not fill the 9-byte buffer, so only the clock can cut them
        p.processRecords(input(records(0, 10)));
        p.processRecords(input(List.of()));
        Poll.until(DEADLINE, "the tail's flush", () -> checkpointer.checkpoints().size() == 1);
        // one batch: the clock, an hour past both arrivals, cut nothing while records came
        assertThat(sink.written).containsExactly("1-2");
    }

    @Test
    void theTailOfABacklogIsCutAtTheAnswerThatReachesTheTip() {
        ArchiveRecordProcessor p = processor(1000, 2);
        nanos.set(Duration.between(Instant.EPOCH, T0.plus(Duration.ofHours(1))).toNanos());
        p.processRecords(behind(records(0)));
        p.processRecords(input(records(10)));
        Poll.until(DEADLINE, "the tail's cut", () -> checkpointer.checkpoints().size() == 1);
        // without an empty read: the answer at the tip held records an hour old
        assertThat(sink.written).containsExactly("1-2");
    }

    @Test
    void noClockCutAtTheTipWhileTheNewestRecordIsRecent() {
        ArchiveRecordProcessor p = processor(1000, 2);
        long hour = Duration.ofHours(1).toMillis();
        nanos.set(Duration.between(Instant.EPOCH, T0.plus(Duration.ofHours(1))).toNanos());
        p.processRecords(behind(records(hour - 1500)));
        // at the tip: the first record is 1500 ms old, past the age, but the newest arrived 999 ms ago
        p.processRecords(input(records(hour - 999)));
        p.processRecords(input(records(hour - 998)));
        Poll.until(DEADLINE, "the size cut", () -> checkpointer.checkpoints().size() == 1);
        // a clock cut after the second answer would have given 1-2 and then 3-3
        assertThat(sink.written).containsExactly("1-3");
    }

    @Test
    void theClockDoesNotCutWhileRecordsArrive() {
        ArchiveRecordProcessor p = processor(1000, 2);
        p.processRecords(input(records(new long[] {0})));
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        p.processRecords(input(records(new long[] {10})));
        p.shutdownRequested(ShutdownRequestedInput.builder().checkpointer(checkpointer).build());
        assertThat(sink.written).containsExactly("1-2");
    }

    @Test
    void sizeOnlyWhenTheAgeIsZero() {
        ArchiveRecordProcessor p = processor(0, 2);
        p.processRecords(input(records(0, 100_000)));
        nanos.addAndGet(Duration.ofHours(1).toNanos());
        p.processRecords(input(List.of()));
        p.processRecords(input(records(new long[] {200_000})));
        Poll.until(DEADLINE, "the size cut", () -> checkpointer.checkpoints().size() == 1);
        // neither the hour on the clock nor 200 s of record time cut before the size did
        assertThat(sink.written).containsExactly("1-3");
    }
}
