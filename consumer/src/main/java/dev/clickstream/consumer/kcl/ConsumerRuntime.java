package dev.clickstream.consumer.kcl;

import dev.clickstream.common.status.PeriodicStatus;
import dev.clickstream.common.status.StatusCounters;
import dev.clickstream.consumer.archive.LeaseView;
import dev.clickstream.consumer.config.ConsumerConfig;
import dev.clickstream.consumer.processor.Processor;
import dev.clickstream.consumer.status.StatusLine;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.leases.LeaseCoordinator;

/**
 * A running consumer: the SDK clients, the started processor, the KCL scheduler on its own thread
 * and the status line. The CLI runs one; tests start one in-process when they need to reach
 * inside (an S3 interceptor).
 */
public final class ConsumerRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerRuntime.class);

    private final ConsumerConfig config;
    private final AwsClients clients;
    private final Processor.Running processor;
    private final Scheduler scheduler;
    private final Thread schedulerThread;
    private final StatusCounters counters;
    private final PeriodicStatus<StatusCounters> status;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean schedulerDone;

    private ConsumerRuntime(ConsumerConfig config, AwsClients clients, Processor.Running processor,
                            Scheduler scheduler, StatusCounters counters, PeriodicStatus<StatusCounters> status) {
        this.config = config;
        this.clients = clients;
        this.processor = processor;
        this.scheduler = scheduler;
        this.counters = counters;
        this.status = status;
        this.schedulerThread = new Thread(scheduler, "kcl-scheduler");
    }

    /**
     * Checks the stream, starts the configured processor (which prepares its bucket or table) and the KCL.
     *
     * @throws dev.clickstream.common.cli.CliException for a missing stream, bucket, or an unreachable service
     */
    public static ConsumerRuntime start(ConsumerConfig config, List<ExecutionInterceptor> s3Interceptors,
                                        PrintStream console) {
        StatusCounters counters = new StatusCounters();
        AwsClients clients = AwsClients.create(config, s3Interceptors, counters::readThrottled);
        Processor.Running processor = null;
        try {
            StreamCheck.requireStream(clients.kinesis(), config.streamName(),
                    config.endpoints().kinesisSettings().describeTarget());
            StreamCheck.requireDynamoDb(clients.dynamoDb(), config.applicationName(),
                    config.endpoints().dynamoDbSettings().describeTarget());
            AtomicReference<Scheduler> schedulerRef = new AtomicReference<>();
            LeaseView leases = shardId -> {
                Scheduler s = schedulerRef.get();
                LeaseCoordinator coordinator = s == null ? null : s.leaseCoordinator();
                return coordinator == null || coordinator.getCurrentlyHeldLease(shardId) != null;
            };
            processor = config.processing().processor().start(config.values(), clients.s3(), clients.dynamoDb(),
                    counters, leases, console);
            Scheduler scheduler = SchedulerFactory.create(config, clients, processor.factory(),
                    processor.needsCallsOnIdleShards());
            schedulerRef.set(scheduler);
            PeriodicStatus<StatusCounters> status = StatusLine.start(counters, processor.outputNoun(), console,
                    config.processing().statusIntervalMillis());
            ConsumerRuntime runtime = new ConsumerRuntime(config, clients, processor, scheduler, counters, status);
            runtime.schedulerThread.start();
            LOG.info("Started KCL worker {} of application {} on stream {}", config.workerId(),
                    config.applicationName(), config.streamName());
            return runtime;
        } catch (RuntimeException e) {
            if (processor != null) {
                processor.close();
            }
            clients.close();
            throw e;
        }
    }

    public StatusCounters counters() {
        return counters;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    public Processor.Running processor() {
        return processor;
    }

    /** Waits until the scheduler's thread ends: after a shutdown, or when the KCL gave up initialising. */
    public void awaitSchedulerExit() throws InterruptedException {
        schedulerThread.join();
    }

    public boolean isStopping() {
        return stopping.get();
    }

    /**
     * The KCL's graceful shutdown: every processor gets shutdownRequested (upload and checkpoint)
     * and the leases are released. Bounded by {@code timeout}; after it, a hard shutdown.
     * Returns whether the graceful part finished in time.
     */
    public boolean stopGracefully(Duration timeout) {
        if (!stopping.compareAndSet(false, true)) {
            return false;
        }
        boolean graceful = false;
        try {
            Future<Boolean> done = scheduler.startGracefulShutdown();
            graceful = Boolean.TRUE.equals(done.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
            // the graceful shutdown ends with the scheduler's own final shutdown
            schedulerDone = graceful;
        } catch (TimeoutException e) {
            LOG.warn("Graceful shutdown did not finish within {}; stopping now (unsaved batches will be read again)", timeout);
        } catch (ExecutionException e) {
            LOG.warn("Graceful shutdown failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close();
        }
        return graceful;
    }

    /** Stops without the graceful part (no uploads of partial buffers), then releases everything. */
    @Override
    public void close() {
        stopping.set(true);
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (!schedulerDone) {
            scheduler.shutdown();
        }
        try {
            schedulerThread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        status.close();
        processor.close();
        clients.close();
        LOG.info("Stopped worker {}: {} records, {} {}, {} malformed skipped", config.workerId(), counters.records(),
                counters.outputs(), processor.outputNoun(), counters.skipped());
    }
}
