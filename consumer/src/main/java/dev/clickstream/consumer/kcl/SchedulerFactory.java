package dev.clickstream.consumer.kcl;

import dev.clickstream.consumer.config.ConsumerConfig;
import dev.clickstream.consumer.config.RetrievalMode;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.coordinator.PatchedScheduler;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.metrics.MetricsLevel;
import software.amazon.kinesis.metrics.NullMetricsFactory;
import software.amazon.kinesis.processor.ShardRecordProcessorFactory;
import software.amazon.kinesis.processor.SingleStreamTracker;
import software.amazon.kinesis.retrieval.fanout.FanOutConfig;
import software.amazon.kinesis.retrieval.polling.PollingConfig;

/** Turns the consumer's configuration into a KCL 2.x scheduler, the way the multi-language daemon maps its keys. */
public final class SchedulerFactory {
    private SchedulerFactory() {}

    public static Scheduler create(ConsumerConfig config, AwsClients clients, ShardRecordProcessorFactory processors,
                                   boolean forceCallsOnIdleShards) {
        ConfigsBuilder configs = new ConfigsBuilder(
                new SingleStreamTracker(config.streamName(), config.kcl().initialPosition()), config.applicationName(),
                clients.kinesis(), clients.dynamoDb(), clients.cloudWatch(), config.workerId(), processors);

        var retrieval = configs.retrievalConfig();
        if (config.kcl().retrievalMode() == RetrievalMode.FANOUT) {
            retrieval.retrievalSpecificConfig(new FanOutConfig(clients.kinesis())
                    .streamName(config.streamName()).applicationName(config.applicationName()));
        } else {
            PollingConfig polling = new PollingConfig(config.streamName(), clients.kinesis())
                    .maxRecords(config.kcl().maxRecords())
                    // AwsClients' GetRecords client pauses idleTimeBetweenReadsInMillis only once a
                    // shard is caught up (BlockingGetRecords); the KCL's own pause would follow every
                    // answer. Not 0: the KCL also waits this long for room in its queue, in a loop
                    .idleTimeBetweenReadsInMillis(1);
            // one answer read ahead per shard (the KCL's default is 3): processRecords returns at
            // once unless the commit queue is full, so more would only hold more answers on the heap
            // (docs/benchmarks.md#design-choices-against-the-build-before)
            polling.recordsFetcherFactory().maxPendingProcessRecordsInput(1);
            retrieval.retrievalSpecificConfig(polling);
        }

        var leases = configs.leaseManagementConfig()
                .failoverTimeMillis(config.kcl().failoverTimeMillis())
                .shardSyncIntervalMillis(config.kcl().shardSyncIntervalMillis())
                .cleanupLeasesUponShardCompletion(config.kcl().cleanupLeasesUponShardCompletion());

        var coordinator = configs.coordinatorConfig()
                .parentShardPollIntervalMillis(config.kcl().parentShardPollIntervalMillis())
                .shardConsumerDispatchPollIntervalMillis(config.kcl().shardConsumerDispatchPollIntervalMillis());

        var lifecycle = configs.lifecycleConfig().taskBackoffTimeMillis(config.kcl().taskBackoffTimeMillis());

        var processor = configs.processorConfig().callProcessRecordsEvenForEmptyRecordList(
                config.kcl().callProcessRecordsEvenForEmptyRecordList() || forceCallsOnIdleShards);

        var metrics = configs.metricsConfig()
                .metricsLevel(config.kcl().metricsLevel())
                .metricsBufferTimeMillis(config.kcl().metricsBufferTimeMillis())
                .metricsMaxQueueSize(config.kcl().metricsMaxQueueSize());
        if (config.kcl().metricsLevel() == MetricsLevel.NONE) {
            // not even a CloudWatch publisher thread: emulators have no CloudWatch
            metrics.metricsFactory(new NullMetricsFactory());
        }

        return new PatchedScheduler(configs.checkpointConfig(), coordinator, leases, lifecycle, metrics, processor,
                retrieval, config.kcl().waitOnEmptyLeaseTable());
    }
}
