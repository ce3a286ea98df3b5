package dev.clickstream.producer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.common.event.ClickEvent;
import dev.clickstream.common.event.ClickEventCodec;
import dev.clickstream.common.event.ClickEventGenerator;
import dev.clickstream.producer.config.ProducerConfig;
import dev.clickstream.testsupport.LocalAws;
import dev.clickstream.testsupport.LocalStackExtension;
import dev.clickstream.testsupport.StreamContents;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.kinesis.retrieval.AggregatorUtil;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/** The producer core in-process, with SDK interceptors to record timings or inject failures. */
@ExtendWith(LocalStackExtension.class)
class ProducerRunIT {
    private static final BackoffStrategy FAST_BACKOFF =
            BackoffStrategy.exponentialDelayHalfJitter(Duration.ofMillis(5), Duration.ofMillis(100));

    private final List<String> console = new CopyOnWriteArrayList<>();
    /** Each test's own stream (JUnit makes an instance per test). */
    private final String stream = LocalAws.uniqueName("producer-run");

    /** Pacing itself is PacerTest's (fake clock); rates are measured in producer/bench, not here. */
    @Test
    void everyCallCarriesTheConfiguredBatchAndTheCountEndsTheRun(LocalAws aws) throws Exception {
        List<Integer> callSizes = new CopyOnWriteArrayList<>();
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                if (context.request() instanceof PutRecordsRequest put) {
                    callSizes.add(put.records().size());
                }
            }
        };
        ProducerRun.Result result = runOnNewStream(aws, 2, recorder,
                Map.of("putRecordsTps", "20", "recordsToWritePerBatch", "5"), 50, 11);

        assertThat(result.allAcknowledged()).isTrue();
        assertThat(callSizes).hasSize(10).containsOnly(5);
        assertThat(StreamContents.readAll(aws.kinesis(), stream)).hasSize(50);
    }

    @Test
    void injectedFailuresAreRetriedAndEveryRecordArrivesExactlyOnce(LocalAws aws) throws Exception {
        FaultInjector faults = new FaultInjector(0.3, 4);
        int count = 1_200;
        ProducerRun.Result result = runOnNewStream(aws, 2, faults,
                Map.of("putRecordsTps", "0", "recordsToWritePerBatch", "50", "maxRetries", "30"), count, 21);
        assertThat(faults.failedEntries.get()).isGreaterThan(100);
        assertThat(faults.failedCalls.get()).isGreaterThan(3);
        assertThat(result.allAcknowledged()).as("%s", result).isTrue();
        assertThat(result.totals().sent()).isEqualTo(count);
        assertThat(result.totals().acknowledged()).isEqualTo(count);
        assertThat(result.totals().retried()).isGreaterThanOrEqualTo(faults.failedEntries.get());

        assertThat(payloads(StreamContents.readAll(aws.kinesis(), stream))).isEqualTo(expected(2, 21, count));
    }

    @Test
    void aggregatedRecordsThatFailAreResentWholeAndEveryUserRecordArrivesOnceOnItsShard(LocalAws aws)
            throws Exception {
        FaultInjector faults = new FaultInjector(0.3, 4);
        int count = 4_000;
        ProducerRun.Result result = runOnNewStream(aws, 4, faults,
                Map.of("putRecordsTps", "0", "recordsToWritePerBatch", "500", "maxRetries", "30",
                        "aggregation", "true", "aggregationMaxBytes", "4096", "shards", "4"), count, 31);
        assertThat(faults.failedEntries.get()).isPositive();
        assertThat(result.allAcknowledged()).as("%s", result).isTrue();
        assertThat(result.totals().acknowledged()).isEqualTo(count);
        assertThat(result.totals().retried()).as("retries count the user records inside the resent aggregates")
                .isGreaterThan(faults.failedEntries.get());
        List<Record> kinesisRecords = StreamContents.readAll(aws.kinesis(), stream);
        assertThat(result.totals().kinesisRecords()).isEqualTo(kinesisRecords.size()).isLessThan(count / 10);

        // the KCL's de-aggregation, checked against each shard's hash range, gives every user record back once
        List<Record> users = new ArrayList<>();
        for (Shard shard : aws.kinesis().listShards(r -> r.streamName(stream)).shards()) {
            List<KinesisClientRecord> read = StreamContents.readShard(aws.kinesis(), stream, shard.shardId()).stream()
                    .map(KinesisClientRecord::fromRecord).toList();
            for (KinesisClientRecord u : new AggregatorUtil().deaggregate(read,
                    new BigInteger(shard.hashKeyRange().startingHashKey()),
                    new BigInteger(shard.hashKeyRange().endingHashKey()))) {
                users.add(Record.builder().partitionKey(u.partitionKey()).data(SdkBytes.fromByteBuffer(u.data())).build());
            }
        }
        assertThat(payloads(users)).isEqualTo(expected(4, 31, count));
    }

    @Test
    void recordsThatFailEveryRetryAreCountedNotDropped(LocalAws aws) throws Exception {
        int count = 400;
        // each attempt fails an entry with probability 1/2 and one retry is allowed, so some fail for good
        ProducerRun.Result result = runOnNewStream(aws, 1, new FaultInjector(0.5, 0),
                Map.of("putRecordsTps", "0", "recordsToWritePerBatch", "20", "maxRetries", "1"), count, 5);
        assertThat(result.totals().failed()).isPositive();
        assertThat(result.totals().acknowledged() + result.totals().failed()).isEqualTo(count);
        assertThat(result.allAcknowledged()).isFalse();
        assertThat(StreamContents.readAll(aws.kinesis(), stream)).hasSize((int) result.totals().acknowledged());
    }

    @Test
    void anErrorNoRetryCanFixStopsTheRunAndCountsTheBatch(LocalAws aws) throws Exception {
        ProducerConfig config = TestConfigs.config(aws, LocalAws.uniqueName("never-created"),
                Map.of("putRecordsTps", "0", "recordsToWritePerBatch", "10", "maxInFlight", "1"),
                OptionalLong.empty(), Optional.empty(), 1);
        ProducerRun.Result result;
        try (KinesisClient client = KinesisClients.build(config)) {
            result = new ProducerRun(config, client, console::add).run();
        }
        assertThat(result.error()).hasValueSatisfying(e -> assertThat(e).contains("ResourceNotFound"));
        assertThat(result.totals().acknowledged()).isZero();
        assertThat(result.totals().failed()).isEqualTo(result.totals().sent()).isPositive();
    }

    /** A count-limited run into a new stream of {@code shards} shards, with fast back-off. */
    private ProducerRun.Result runOnNewStream(LocalAws aws, int shards, ExecutionInterceptor interceptor,
                                              Map<String, String> settings, int count, long seed) throws Exception {
        aws.createStream(stream, shards);
        ProducerConfig config = TestConfigs.config(aws, stream, settings, OptionalLong.of(count), Optional.empty(), seed);
        try (KinesisClient client = KinesisClients.build(config, interceptor)) {
            return new ProducerRun(config, client, console::add).backoff(FAST_BACKOFF).run();
        }
    }

    static Map<String, Long> payloads(List<Record> records) {
        Map<String, Long> counts = new HashMap<>();
        for (Record r : records) {
            String data = r.data().asUtf8String();
            ClickEvent event = ClickEventCodec.parse(r.data().asByteArray()).orElseThrow();
            assertThat(r.partitionKey()).isEqualTo(event.resource());
            counts.merge(r.partitionKey() + " " + data, 1L, Long::sum);
        }
        return counts;
    }

    static Map<String, Long> expected(int shards, long seed, int count) {
        ClickEventGenerator generator = new ClickEventGenerator(shards, seed);
        List<String> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ClickEvent e = generator.next();
            all.add(e.resource() + " " + new String(ClickEventCodec.toJson(e), java.nio.charset.StandardCharsets.UTF_8));
        }
        return all.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

}
