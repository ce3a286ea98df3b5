package software.amazon.kinesis.coordinator;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import software.amazon.kinesis.checkpoint.CheckpointConfig;
import software.amazon.kinesis.leases.LeaseManagementConfig;
import software.amazon.kinesis.leases.dynamodb.DynamoDBLeaseCoordinator;
import software.amazon.kinesis.leases.exceptions.DependencyException;
import software.amazon.kinesis.leases.exceptions.InvalidStateException;
import software.amazon.kinesis.leases.exceptions.ProvisionedThroughputException;
import software.amazon.kinesis.lifecycle.LifecycleConfig;
import software.amazon.kinesis.lifecycle.ShardConsumer;
import software.amazon.kinesis.lifecycle.ShutdownReason;
import software.amazon.kinesis.metrics.MetricsConfig;
import software.amazon.kinesis.processor.ProcessorConfig;
import software.amazon.kinesis.retrieval.RetrievalConfig;

/**
 * The KCL 2.7.2 scheduler with two changes, each through a package-private method (hence this
 * package):
 *
 * <ul>
 *   <li>No random 1-30 s wait on an empty lease table unless {@code waitOnEmptyLeaseTable}. The KCL
 *       waits so that a fleet of workers starting together lets one of them create the leases, and has
 *       no setting for it. Without it, a worker that finds the table empty syncs the shards at once
 *       (the lease creation is conditional, so two workers doing it together is harmless).
 *   <li>A graceful shutdown that does not wait for shard consumers that have already shut down. KCL
 *       2.7 hands the shutdown notification to the consumer of every lease the worker holds. The
 *       consumer of a shard that has ended has shut down but keeps its lease (until the lease cleanup
 *       deletes it, a minute or more after the children start; never with
 *       {@code cleanupLeasesUponShardCompletion} false), so it never answers, and a shutdown right
 *       after a split or merge waited for its timeout. KCL 3.0 skips such consumers
 *       ({@code consumer != null && !consumer.isShutdown()} in this method); this counts them as done,
 *       after letting a shard-end shutdown under way finish, which may otherwise end unanswered too.
 * </ul>
 */
public final class PatchedScheduler extends Scheduler {
    /** How long a graceful shutdown first waits for shard-end shutdowns under way. */
    private static final Duration SHARD_END_WAIT = Duration.ofSeconds(5);

    private final boolean waitOnEmptyLeaseTable;

    public PatchedScheduler(CheckpointConfig checkpoint, CoordinatorConfig coordinator, LeaseManagementConfig leases,
                            LifecycleConfig lifecycle, MetricsConfig metrics, ProcessorConfig processor,
                            RetrievalConfig retrieval, boolean waitOnEmptyLeaseTable) {
        super(checkpoint, coordinator, leases, lifecycle, metrics, processor, retrieval);
        this.waitOnEmptyLeaseTable = waitOnEmptyLeaseTable;
    }

    @Override
    boolean shouldInitiateLeaseSync()
            throws InterruptedException, DependencyException, ProvisionedThroughputException, InvalidStateException {
        return waitOnEmptyLeaseTable ? super.shouldInitiateLeaseSync() : leaseRefresher().isLeaseTableEmpty();
    }

    @Override
    Callable<GracefulShutdownContext> createWorkerShutdownCallable() {
        Callable<GracefulShutdownContext> kcl = super.createWorkerShutdownCallable();
        return () -> {
            // A consumer running its shard-end shutdown may already have passed the point where it
            // would answer a notification, and then shuts down without answering: let such consumers
            // finish first (bounded), so that each one is either counted here or answers.
            long deadline = System.nanoTime() + SHARD_END_WAIT.toNanos();
            while (heldConsumers().anyMatch(c -> c.shutdownReason() == ShutdownReason.SHARD_END && !c.isShutdown())
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            // counted just before the KCL's own pass over the same held leases: a shut-down consumer
            // stays shut down, so each of these gets a notification it will never complete
            long finished = heldConsumers().filter(ShardConsumer::isShutdown).count();
            GracefulShutdownContext context = kcl.call();
            CountDownLatch notified = context.notificationCompleteLatch();
            CountDownLatch done = context.shutdownCompleteLatch();
            for (long i = 0; i < finished && notified != null && done != null; i++) {
                notified.countDown();
                done.countDown();
            }
            return context;
        };
    }

    /** The shard consumers of the leases this worker holds. */
    private Stream<ShardConsumer> heldConsumers() {
        return leaseCoordinator().getAssignments().stream()
                .map(DynamoDBLeaseCoordinator::convertLeaseToAssignment)
                .map(shardInfo -> shardInfoShardConsumerMap().get(shardInfo))
                .filter(Objects::nonNull);
    }
}
