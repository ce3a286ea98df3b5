package software.amazon.kinesis.coordinator;

import software.amazon.kinesis.checkpoint.CheckpointConfig;
import software.amazon.kinesis.leases.LeaseManagementConfig;
import software.amazon.kinesis.leases.exceptions.DependencyException;
import software.amazon.kinesis.leases.exceptions.InvalidStateException;
import software.amazon.kinesis.leases.exceptions.ProvisionedThroughputException;
import software.amazon.kinesis.lifecycle.LifecycleConfig;
import software.amazon.kinesis.metrics.MetricsConfig;
import software.amazon.kinesis.processor.ProcessorConfig;
import software.amazon.kinesis.retrieval.RetrievalConfig;

/**
 * The KCL's scheduler without its random 1-30 s wait on an empty lease table. KCL 2.7.2 waits so
 * that a fleet of workers starting together lets one of them create the leases; it has no setting
 * for it, only this package-private method (hence this package). Used unless
 * {@code waitOnEmptyLeaseTable} is true: a worker that finds the table empty syncs the shards at
 * once (the lease creation is conditional, so two workers doing it together is harmless).
 */
public final class PromptScheduler extends Scheduler {
    public PromptScheduler(CheckpointConfig checkpoint, CoordinatorConfig coordinator, LeaseManagementConfig leases,
                           LifecycleConfig lifecycle, MetricsConfig metrics, ProcessorConfig processor,
                           RetrievalConfig retrieval) {
        super(checkpoint, coordinator, leases, lifecycle, metrics, processor, retrieval);
    }

    @Override
    boolean shouldInitiateLeaseSync()
            throws InterruptedException, DependencyException, ProvisionedThroughputException, InvalidStateException {
        return leaseRefresher().isLeaseTableEmpty();
    }
}
