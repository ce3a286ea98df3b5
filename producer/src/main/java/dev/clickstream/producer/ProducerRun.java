package dev.clickstream.producer;

import dev.clickstream.common.concurrent.DaemonThreads;
import dev.clickstream.common.config.Durations;
import dev.clickstream.common.errors.Errors;
import dev.clickstream.common.event.ClickEventGenerator;
import dev.clickstream.common.status.PeriodicStatus;
import dev.clickstream.producer.aggregate.Aggregator;
import dev.clickstream.producer.aggregate.ShardMap;
import dev.clickstream.producer.config.ProducerConfig;
import dev.clickstream.producer.events.EventType;
import dev.clickstream.producer.events.SensorEventGenerator;
import dev.clickstream.producer.send.Batch;
import dev.clickstream.producer.send.BatchSender;
import dev.clickstream.producer.send.ClickRecords;
import dev.clickstream.producer.send.Pacer;
import dev.clickstream.producer.send.RecordSource;
import dev.clickstream.producer.send.SendStats;
import dev.clickstream.producer.send.SensorRecords;
import dev.clickstream.producer.send.ShardPacer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/**
 * One run of the producer against a stream that is already ACTIVE: generates events, sends them
 * in paced batches, reports progress, and on its end (count reached, duration over, stop
 * requested, or an error no retry can fix) waits for the calls in flight and returns the totals.
 *
 * <p>The Kinesis client is given, not built here, so tests can pass one with an interceptor.
 */
public final class ProducerRun {
    private static final Logger LOG = LoggerFactory.getLogger(ProducerRun.class);
    /** How often a blocked generator looks at the stop conditions again. */
    private static final Duration RECHECK = Duration.ofMillis(100);
    public static final BackoffStrategy DEFAULT_BACKOFF =
            BackoffStrategy.exponentialDelayHalfJitter(Duration.ofMillis(100), Duration.ofSeconds(10));

    /** What happened; {@code unconfirmed} records were still in flight when the wait for them ended. */
    public record Result(SendStats.Snapshot totals, long unconfirmed, Duration elapsed, long seed,
                         Optional<String> error, boolean stoppedEarly, boolean aggregated) {
        public boolean allAcknowledged() {
            return error.isEmpty() && totals.failed() == 0 && unconfirmed == 0
                    && totals.acknowledged() == totals.sent();
        }
    }

    private final ProducerConfig config;
    private final KinesisClient client;
    private final Consumer<String> console;
    private final SendStats stats = new SendStats();
    private BackoffStrategy backoff = DEFAULT_BACKOFF;
    private volatile boolean stopRequested;
    private ShardMap shardMap;

    public ProducerRun(ProducerConfig config, KinesisClient client, Consumer<String> console) {
        this.config = config;
        this.client = client;
        this.console = console;
    }

    /** Shorter back-off for tests that inject many failures. */
    public ProducerRun backoff(BackoffStrategy strategy) {
        this.backoff = strategy;
        return this;
    }

    /** Stops generating; the run then waits at most the shutdown grace for calls in flight. */
    public void requestStop() {
        stopRequested = true;
    }

    public SendStats stats() {
        return stats;
    }

    public Result run() throws InterruptedException {
        long seed = config.seed().orElseGet(() -> ThreadLocalRandom.current().nextLong());
        int largest = config.eventType() == EventType.SENSOR ? SensorRecords.LARGEST_ENTRY
                : ClickRecords.largestEntry(config.shards());
        if (!BatchSender.fitsOneRequest(config.recordsPerBatch(), largest)) {
            throw new IllegalStateException("a batch of " + config.recordsPerBatch() + " records can exceed 5 MiB");
        }
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("producer-scheduler"));
        scheduler.setRemoveOnCancelPolicy(true);
        // one thread per slot: a call holds its thread while it is in flight
        ExecutorService callers = Executors.newFixedThreadPool(config.maxInFlight(), DaemonThreads.numbered("producer-put"));
        BatchSender sender = new BatchSender(client, callers, config.stream(), config.maxInFlight(), config.maxRetries(),
                backoff, scheduler, stats);
        if (config.putRecordsTps() == 0) {
            paceByShard(sender);
        }
        PeriodicStatus<SendStats.Snapshot> progress = ProgressReporter.start(config.progressInterval(), stats, console);
        String pace = config.putRecordsTps() == 0 ? "as fast as the stream accepts"
                : config.putRecordsTps() + " calls/s";
        Function<List<PutRecordsRequestEntry>, Batch> packer = packer();
        say("sending " + config.recordsPerBatch() + " records per PutRecords call, " + pace + ", to stream "
                + config.stream() + (config.aggregation().isPresent() ? ", aggregated per shard" : "")
                + " (seed " + seed + ")");
        long start = System.nanoTime();
        try {
            generate(sender, packer, records(seed), start);
            boolean idle = drain(sender);
            progress.close();
            SendStats.Snapshot totals = stats.snapshot();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            Optional<String> error = sender.fatalError().map(Errors::describe);
            long unconfirmed = idle ? 0 : totals.pending();
            return new Result(totals, unconfirmed, elapsed, seed, error, stopRequested,
                    config.aggregation().isPresent());
        } finally {
            progress.close();
            scheduler.shutdownNow();
            callers.shutdownNow();
        }
    }

    private RecordSource records(long seed) {
        return switch (config.eventType()) {
            case CLICK -> new ClickRecords(new ClickEventGenerator(config.shards(), seed));
            case SENSOR -> new SensorRecords(new SensorEventGenerator(seed, Clock.systemUTC()));
        };
    }

    /** Plain entries, or KPL aggregated records grouped by the stream's open shards. */
    private Function<List<PutRecordsRequestEntry>, Batch> packer() {
        if (config.aggregation().isEmpty()) {
            return Batch::plain;
        }
        ProducerConfig.Aggregation limits = config.aggregation().get();
        ShardMap shards = shardMap();
        LOG.info("aggregating per shard over {} open shards", shards.size());
        return new Aggregator(shards, limits.maxBytes(), limits.maxCount())::aggregate;
    }

    /** "As fast as the stream accepts" is paced per shard, so that few entries are refused and resent. */
    private void paceByShard(BatchSender sender) {
        try {
            sender.pacedBy(new ShardPacer(shardMap(), System::nanoTime));
        } catch (SdkException e) {
            LOG.warn("cannot list the stream's shards ({}): refused entries are resent without pacing per shard",
                    Errors.describe(e));
        }
    }

    private ShardMap shardMap() {
        if (shardMap == null) {
            shardMap = ShardMap.load(client, config.stream());
        }
        return shardMap;
    }

    private void generate(BatchSender sender, Function<List<PutRecordsRequestEntry>, Batch> packer,
                          RecordSource records, long start) throws InterruptedException {
        Pacer pacer = Pacer.perSecond(config.putRecordsTps());
        long remaining = config.count().orElse(Long.MAX_VALUE);
        long endAt = config.duration().map(d -> start + d.toNanos()).orElse(Long.MAX_VALUE);
        boolean timed = config.duration().isPresent();
        int batchSize = config.recordsPerBatch();
        while (remaining > 0) {
            pacer.awaitNext();
            if (shouldStop(sender, timed, endAt)) {
                return;
            }
            while (!sender.acquireSlot(RECHECK)) {
                if (shouldStop(sender, timed, endAt)) {
                    return;
                }
            }
            int n = (int) Math.min(batchSize, remaining);
            List<PutRecordsRequestEntry> batch = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                batch.add(records.next());
            }
            sender.send(packer.apply(batch));
            remaining -= n;
        }
    }

    private boolean shouldStop(BatchSender sender, boolean timed, long endAt) {
        if (stopRequested) {
            LOG.info("stop requested: no more records are generated");
            return true;
        }
        if (sender.fatalError().isPresent()) {
            return true;
        }
        if (timed && System.nanoTime() - endAt >= 0) {
            LOG.info("duration reached: no more records are generated");
            return true;
        }
        return false;
    }

    /** Waits for every batch to settle; once a stop is requested, for at most the shutdown grace. */
    private boolean drain(BatchSender sender) throws InterruptedException {
        long graceEnd = 0;
        boolean graceStarted = false;
        while (!sender.awaitIdle(RECHECK)) {
            if (stopRequested && !graceStarted) {
                graceStarted = true;
                graceEnd = System.nanoTime() + config.shutdownGrace().toNanos();
                long pending = stats.snapshot().pending();
                say("waiting up to " + Durations.format(config.shutdownGrace())
                        + " for " + pending + " records in flight");
            }
            if (graceStarted && System.nanoTime() - graceEnd >= 0) {
                LOG.warn("shutdown grace over with {} records unconfirmed", stats.snapshot().pending());
                return false;
            }
        }
        return true;
    }

    private void say(String line) {
        LOG.info(line);
        console.accept(line);
    }
}
