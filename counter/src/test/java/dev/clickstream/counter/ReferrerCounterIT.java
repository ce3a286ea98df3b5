package dev.clickstream.counter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.common.counts.CountsTable;
import dev.clickstream.common.counts.ReferrerCount;
import dev.clickstream.common.counts.ReferrerCountsCodec;
import dev.clickstream.common.event.ClickEvent;
import dev.clickstream.common.event.ClickEventCodec;
import dev.clickstream.common.status.StatusCounters;
import dev.clickstream.counter.kcl.CountingProcessorFactory;
import dev.clickstream.testsupport.LocalAws;
import dev.clickstream.testsupport.LocalStackExtension;
import dev.clickstream.testsupport.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.metrics.MetricsLevel;
import software.amazon.kinesis.processor.ShardRecordProcessorFactory;
import software.amazon.kinesis.retrieval.polling.PollingConfig;

/** Known events through the real local Kinesis and a real KCL Scheduler, counts read back from the local DynamoDB (dynalite). */
@ExtendWith(LocalStackExtension.class)
class ReferrerCounterIT {
    /** The KCL's longest wait on an empty lease table, 30 s, then a lease sync and a lease take. */
    private static final Duration KCL_START_UP = Duration.ofSeconds(60);

    @Test
    void countsProducedEventsIntoTheTableAndCheckpointsPastThem(LocalAws aws) throws Exception {
        String stream = LocalAws.uniqueName("counter-it");
        String app = LocalAws.uniqueName("counter-it-app");
        String table = LocalAws.uniqueName("counter-it-counts");
        aws.createStream(stream, 1);

        // A window long enough that the KCL's start-up wait cannot push the events out of it.
        CounterSettings settings = CounterSettings.of(Map.of("countsTable", table, "countsWindow", "120s",
                "countsInterval", "500ms", "counterCheckpointInterval", "0", "countsHost", "it-host"));
        // The local stack's dynalite has no TTL: the preparer says so and the counter counts on.
        assertThat(new CountsTablePreparer(aws.dynamoDbAsync(), settings).prepare()).isFalse();

        CounterStats stats = new CounterStats();
        StatusCounters status = new StatusCounters();
        try (CountingProcessorFactory counter = CountingProcessorFactory.create(settings, aws.dynamoDbAsync(), stats,
                status);
             CloudWatchAsyncClient cloudWatch = aws.settings(aws.endpoints().dynamoDb()).configure(CloudWatchAsyncClient.builder()).build()) {
            Scheduler scheduler = scheduler(aws, stream, app, cloudWatch, counter);
            Thread worker = new Thread(scheduler, "kcl-scheduler");
            worker.setDaemon(true);
            worker.start();
            try {
                // From TRIM_HORIZON the processor reads these whenever the KCL starts it.
                String resource = "/it-" + UUID.randomUUID();
                List<byte[]> records = new ArrayList<>();
                addEvents(records, resource, "http://www.amazon.com", 4);
                addEvents(records, resource, "http://www.yahoo.com", 2);
                addEvents(records, resource, "http://www.google.com", 2);
                addEvents(records, resource, "http://reddit.com", 1);
                records.add(1, "not json".getBytes());
                records.add(5, "{\"resource\":\"x\"}".getBytes());
                String lastSequence = put(aws, stream, records);

                // The plain KCL Scheduler waits a random 1-30 s on an empty lease table before it
                // creates the leases (the apps use PatchedScheduler, this test the KCL as shipped).
                Poll.until(KCL_START_UP, "the processor owns the shard", () -> status.shardsOwned() == 1);

                List<ReferrerCount> expected = List.of(
                        new ReferrerCount("http://www.amazon.com", 4),
                        new ReferrerCount("http://www.google.com", 2),
                        new ReferrerCount("http://www.yahoo.com", 2),
                        new ReferrerCount("http://reddit.com", 1));
                Poll.until(Duration.ofSeconds(30), "counts of " + resource + " in " + table,
                        () -> expected.equals(latestCounts(aws, table, resource)));

                Map<String, AttributeValue> item = latestItem(aws, table, resource);
                assertThat(item.get(CountsTable.HOST).s()).isEqualTo("it-host");
                assertThat(item.get(CountsTable.TIMESTAMP).s()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
                long expiresAt = Long.parseLong(item.get(CountsTable.EXPIRES_AT).n());
                long at = CountsTable.parseTimestamp(item.get(CountsTable.TIMESTAMP).s()).getEpochSecond();
                assertThat(expiresAt - at).isEqualTo(Duration.ofDays(1).toSeconds());
                assertThat(stats.malformed()).isEqualTo(2);

                Poll.until(Duration.ofSeconds(30), "checkpoint at " + lastSequence,
                        () -> lastSequence.equals(checkpoint(aws, app)));
            } finally {
                scheduler.startGracefulShutdown().get(60, TimeUnit.SECONDS);
                worker.join(30_000);
            }
        }
    }

    private static Scheduler scheduler(LocalAws aws, String stream, String app, CloudWatchAsyncClient cloudWatch,
                                       ShardRecordProcessorFactory factory) {
        ConfigsBuilder configs = new ConfigsBuilder(stream, app, aws.kinesisAsync(), aws.dynamoDbAsync(), cloudWatch,
                "it-worker-" + UUID.randomUUID(), factory);
        PollingConfig polling = new PollingConfig(stream, aws.kinesisAsync()).idleTimeBetweenReadsInMillis(250);
        return new Scheduler(
                configs.checkpointConfig(),
                configs.coordinatorConfig().shardConsumerDispatchPollIntervalMillis(100),
                configs.leaseManagementConfig().shardSyncIntervalMillis(1000).failoverTimeMillis(2000),
                configs.lifecycleConfig(),
                configs.metricsConfig().metricsLevel(MetricsLevel.NONE),
                configs.processorConfig().callProcessRecordsEvenForEmptyRecordList(true),
                configs.retrievalConfig().retrievalSpecificConfig(polling)
                        .initialPositionInStreamExtended(InitialPositionInStreamExtended
                                .newInitialPosition(InitialPositionInStream.TRIM_HORIZON)));
    }

    private static void addEvents(List<byte[]> records, String resource, String referrer, int times) {
        for (int i = 0; i < times; i++) {
            records.add(ClickEventCodec.toJson(new ClickEvent(resource, referrer)));
        }
    }

    private static String put(LocalAws aws, String stream, List<byte[]> data) {
        List<PutRecordsRequestEntry> entries = data.stream()
                .map(d -> PutRecordsRequestEntry.builder().partitionKey("p").data(SdkBytes.fromByteArray(d)).build())
                .toList();
        PutRecordsResponse response = aws.kinesis().putRecords(r -> r.streamName(stream).records(entries));
        assertThat(response.failedRecordCount()).isZero();
        return response.records().get(response.records().size() - 1).sequenceNumber();
    }

    private static Map<String, AttributeValue> latestItem(LocalAws aws, String table, String resource) {
        List<Map<String, AttributeValue>> items = aws.dynamoDb().query(r -> r.tableName(table)
                .keyConditionExpression("#r = :r").expressionAttributeNames(Map.of("#r", CountsTable.RESOURCE))
                .expressionAttributeValues(Map.of(":r", AttributeValue.fromS(resource)))
                .scanIndexForward(false).limit(1)).items();
        return items.isEmpty() ? null : items.get(0);
    }

    private static List<ReferrerCount> latestCounts(LocalAws aws, String table, String resource) {
        Map<String, AttributeValue> item = latestItem(aws, table, resource);
        return item == null ? null : ReferrerCountsCodec.fromJson(item.get(CountsTable.REFERRER_COUNTS).s());
    }

    private static String checkpoint(LocalAws aws, String app) {
        var items = aws.dynamoDb().scan(r -> r.tableName(app)).items();
        return items.isEmpty() || !items.get(0).containsKey("checkpoint") ? null : items.get(0).get("checkpoint").s();
    }
}
