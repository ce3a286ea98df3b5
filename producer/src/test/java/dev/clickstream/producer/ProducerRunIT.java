package dev.clickstream.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clickstream.common.cli.CliException;
import dev.clickstream.common.event.ClickEvent;
import dev.clickstream.common.event.ClickEventCodec;
import dev.clickstream.producer.config.ProducerConfig;
import dev.clickstream.producer.events.ClickEventGenerator;
import dev.clickstream.producer.stream.StreamProvisioner;
import dev.clickstream.testsupport.LocalAws;
import dev.clickstream.testsupport.LocalStackExtension;
import dev.clickstream.testsupport.StreamContents;
import java.time.Duration;
import java.time.Instant;
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
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.kinesis.retrieval.AggregatorUtil;
import software.amazon.kinesis.retrieval.KinesisClientRecord;
import java.math.BigInteger;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/** The producer core in-process, with SDK interceptors to record timings or inject failures. */
@ExtendWith(LocalStackExtension.class)
class ProducerRunIT {
    private static final BackoffStrategy FAST_BACKOFF =
            BackoffStrategy.exponentialDelayHalfJitter(Duration.ofMillis(5), Duration.ofMillis(100));

    private final List<String> console = new CopyOnWriteArrayList<>();

    @Test
    void pacingHoldsTenCallsPerSecondOfFiveRecords(LocalAws aws) throws Exception {
        String stream = LocalAws.uniqueName("pacing");
        aws.createStream(stream, 2);
        List<Long> callTimes = new CopyOnWriteArrayList<>();
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                if (context.request() instanceof PutRecordsRequest) {
                    callTimes.add(System.nanoTime());
                }
            }
        };
        ProducerConfig config = TestConfigs.config(aws, stream,
                Map.of("putRecordsTps", "10", "recordsToWritePerBatch", "5"),
                OptionalLong.empty(), Optional.of(Duration.ofSeconds(5)), 11);
        ProducerRun.Result result;
        try (KinesisAsyncClient client = KinesisClients.build(config, recorder)) {
            result = new ProducerRun(config, client, console::add).run();
        }
        assertThat(result.allAcknowledged()).isTrue();

        // as the client sent them: calls evenly spaced at 10/s
        double callSpan = (callTimes.get(callTimes.size() - 1) - callTimes.get(0)) / 1e9;
        double callsPerSecond = (callTimes.size() - 1) / callSpan;
        assertThat(callsPerSecond).isBetween(9.0, 11.0);

        // as the stream saw them: 50 records/s from the arrival timestamps
        List<Record> records = StreamContents.readAll(aws.kinesis(), stream);
        assertThat(records).hasSize((int) result.totals().acknowledged());
        List<Instant> arrivals = records.stream().map(Record::approximateArrivalTimestamp).sorted().toList();
        double arrivalSpan = Duration.between(arrivals.get(0), arrivals.get(arrivals.size() - 1)).toNanos() / 1e9;
        assertThat(arrivalSpan).isGreaterThan(3.5);
        // the first batch's 5 records arrive at the start of the span, so it covers n-5 records
        double recordsPerSecond = (records.size() - 5) / arrivalSpan;
        assertThat(recordsPerSecond).isBetween(45.0, 55.0);
        assertThat(records.size() % 5).as("whole batches of 5").isZero();
    }

    @Test
    void injectedFailuresAreRetriedAndEveryRecordArrivesExactlyOnce(LocalAws aws) throws Exception {
        String stream = LocalAws.uniqueName("faults");
        aws.createStream(stream, 2);
        FaultInjector faults = new FaultInjector(0.3, 4);
        int count = 1_200;
        ProducerConfig config = TestConfigs.config(aws, stream,
                Map.of("putRecordsTps", "0", "recordsToWritePerBatch", "50", "maxRetries", "30"),
                OptionalLong.of(count), Optional.empty(), 21);
        ProducerRun.Result result;
        try (KinesisAsyncClient client = KinesisClients.build(config, faults)) {
            result = new ProducerRun(config, client, console::add).backoff(FAST_BACKOFF).run();
        }
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
        String stream = LocalAws.uniqueName("agg-faults");
        aws.createStream(stream, 4);
        FaultInjector faults = new FaultInjector(0.3, 4);
        int count = 4_000;
        ProducerConfig config = TestConfigs.config(aws, stream,
                Map.of("putRecordsTps", "0", "recordsToWritePerBatch", "500", "maxRetries", "30",
                        "aggregation", "true", "aggregationMaxBytes", "4096", "shards", "4"),
                OptionalLong.of(count), Optional.empty(), 31);
        ProducerRun.Result result;
        try (KinesisAsyncClient client = KinesisClients.build(config, faults)) {
            result = new ProducerRun(config, client, console::add).backoff(FAST_BACKOFF).run();
        }
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
        String stream = LocalAws.uniqueName("final-failures");
        aws.createStream(stream, 1);
        FaultInjector faults = new FaultInjector(0.5, 0);
        int count = 400;
        ProducerConfig config = TestConfigs.config(aws, stream,
                Map.of("putRecordsTps", "0", "recordsToWritePerBatch", "20", "maxRetries", "1"),
                OptionalLong.of(count), Optional.empty(), 5);
        ProducerRun.Result result;
        try (KinesisAsyncClient client = KinesisClients.build(config, faults)) {
            result = new ProducerRun(config, client, console::add).backoff(FAST_BACKOFF).run();
        }
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
        try (KinesisAsyncClient client = KinesisClients.build(config)) {
            result = new ProducerRun(config, client, console::add).run();
        }
        assertThat(result.error()).hasValueSatisfying(e -> assertThat(e).contains("ResourceNotFound"));
        assertThat(result.totals().acknowledged()).isZero();
        assertThat(result.totals().failed()).isEqualTo(result.totals().sent()).isPositive();
    }

    @Test
    void aStreamThatNeverBecomesActiveTimesOut(LocalAws aws) throws Exception {
        String stream = LocalAws.uniqueName("never-active");
        ExecutionInterceptor stuck = new ExecutionInterceptor() {
            @Override
            public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
                if (context.response() instanceof DescribeStreamSummaryResponse r) {
                    return r.toBuilder().streamDescriptionSummary(
                            r.streamDescriptionSummary().toBuilder().streamStatus(StreamStatus.CREATING).build()).build();
                }
                return context.response();
            }
        };
        ProducerConfig config = TestConfigs.config(aws, stream, Map.of("readyTimeout", "2s"),
                OptionalLong.of(1), Optional.empty(), 1);
        try (KinesisAsyncClient client = KinesisClients.build(config, stuck)) {
            StreamProvisioner provisioner = new StreamProvisioner(client, Duration.ofMillis(500),
                    config.readyTimeout(), console::add);
            long start = System.nanoTime();
            assertThatThrownBy(() -> provisioner.ensureActive(stream, 1))
                    .isInstanceOf(CliException.class)
                    .hasMessage("stream " + stream + " is not ACTIVE after 2s (last status: CREATING); "
                            + "raise --ready-timeout or check the stream")
                    .satisfies(e -> assertThat(((CliException) e).exitCode()).isEqualTo(1));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
        assertThat(console).anyMatch(line -> line.contains(stream + ": CREATING"));
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
