package dev.clickstream.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clickstream.local.KinesisLimits;
import dev.clickstream.local.LocalStackOptions;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ChildShard;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StartingPosition;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;

/**
 * Enhanced fan-out on the local Kinesis, through the SDK's async client over HTTP/2 (h2c, as the
 * KCL's client speaks it toward an http:// endpoint): SubscribeToShard's event stream, framed and
 * checksummed as on AWS; records pushed as they are put; the starting positions and the
 * continuation; a subscription's lifetime and its take-over; the ChildShards that end a closed
 * shard; each consumer's own read rate under AWS's limits; HTTP/1.1 and HTTP/2 on one port; and
 * an oversized request over HTTP/2, which once ended the engine. One engine for all, with AWS's
 * limits and subscriptions of {@value #LIFETIME_SECONDS} s instead of 5 minutes.
 */
class SubscribeToShardTest {
    private static final int LIFETIME_SECONDS = 8;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SHARD_0 = "shardId-000000000000";

    @TempDir
    static Path dir;
    private static LocalAws aws;
    private static KinesisAsyncClient http2;

    @BeforeAll
    static void startStack() throws Exception {
        aws = LocalAws.start(LocalStackOptions.onFreePorts(dir.resolve("data"), dir.resolve("logs"))
                .withKinesisLimits(KinesisLimits.AWS).withSubscriptionLimit(Duration.ofSeconds(LIFETIME_SECONDS)));
        http2 = WireClients.http2(aws);
    }

    @AfterAll
    static void stopStack() {
        // the engine first: the SDK's HTTP/2 client, closed with subscriptions still open, waits 10 s
        // for its streams; once the engine is gone, its connection is closed and it closes at once
        if (aws != null) aws.close();
        if (http2 != null) http2.close();
    }

    @Test
    void recordsArePushedAsTheyArriveInFramesWhoseChecksumsHold() {
        String stream = stream(1);
        String consumer = activeConsumer(stream, "pushed");
        List<String> before = put(stream, "before-", 3);
        EventStreamFrames frames = new EventStreamFrames();
        try (KinesisAsyncClient client = WireClients.http2(aws, frames)) {
            FanOutSubscription subscription = subscribe(client, consumer, SHARD_0, p -> p.type(ShardIteratorType.TRIM_HORIZON));
            Poll.until(WAIT, "the records put before", () -> subscription.records().size() == 3);
            List<String> after = put(stream, "after-", 2);
            Poll.until(WAIT, "the records put after", () -> subscription.records().size() == 5);

            List<Record> records = subscription.records();
            assertThat(records).extracting(Record::sequenceNumber)
                    .containsExactlyElementsOf(concat(before, after));
            assertThat(records).extracting(r -> r.data().asUtf8String())
                    .containsExactly("before-0", "before-1", "before-2", "after-0", "after-1");
            SubscribeToShardEvent lastWithRecords = subscription.events.stream()
                    .filter(e -> !e.records().isEmpty()).reduce((a, b) -> b).orElseThrow();
            assertThat(lastWithRecords.continuationSequenceNumber()).isEqualTo(after.get(1));
            assertThat(lastWithRecords.childShards()).isEmpty();
            assertThat(frames.contentTypes()).containsOnly("application/vnd.amazon.eventstream");

            List<EventStreamFrames.Frame> received = frames.frames();
            assertThat(received).hasSizeGreaterThanOrEqualTo(3).allSatisfy(frame -> {
                assertThat(frame.headers()).containsEntry(":message-type", "event")
                        .containsEntry(":content-type", "application/json");
            });
            assertThat(received.get(0).headers()).containsEntry(":event-type", "initial-response");
            assertThat(received.subList(1, received.size()))
                    .allSatisfy(frame -> assertThat(frame.headers()).containsEntry(":event-type", "SubscribeToShardEvent"));
            assertThat(received.get(1).payload()).contains("\"Records\"", "\"ContinuationSequenceNumber\"",
                    "\"MillisBehindLatest\"", base64("before-0"));
        }
    }

    @Test
    void eachStartingPositionAndTheContinuationOfAnIdleEventReadFromWhereTheySay() {
        String stream = stream(1);
        List<String> seqs = put(stream, "r-", 3);
        Record second = http2.getRecords(r -> r.shardIterator(http2.getShardIterator(i -> i.streamName(stream)
                .shardId(SHARD_0).shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                .startingSequenceNumber(seqs.get(1))).join().shardIterator())).join().records().get(0);

        List<String> consumers = activeConsumers(stream, "at", "after", "time", "latest", "resumed");
        FanOutSubscription at = subscribe(http2, consumers.get(0), SHARD_0,
                p -> p.type(ShardIteratorType.AT_SEQUENCE_NUMBER).sequenceNumber(seqs.get(1)));
        FanOutSubscription afterSeq = subscribe(http2, consumers.get(1), SHARD_0,
                p -> p.type(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(seqs.get(1)));
        FanOutSubscription atTime = subscribe(http2, consumers.get(2), SHARD_0,
                p -> p.type(ShardIteratorType.AT_TIMESTAMP).timestamp(second.approximateArrivalTimestamp()));
        FanOutSubscription latest = subscribe(http2, consumers.get(3), SHARD_0,
                p -> p.type(ShardIteratorType.LATEST));
        Poll.until(WAIT, "an idle event after LATEST", () -> !latest.events.isEmpty());
        String idleContinuation = latest.events.get(0).continuationSequenceNumber();
        assertThat(latest.events.get(0).records()).isEmpty();
        assertThat(idleContinuation).isNotBlank();

        List<String> later = put(stream, "later-", 1);
        Poll.until(WAIT, "every subscription at the new record", () -> List.of(at, afterSeq, atTime, latest).stream()
                .allMatch(s -> s.records().stream().anyMatch(r -> r.sequenceNumber().equals(later.get(0)))));
        assertThat(sequenceNumbers(at)).containsExactly(seqs.get(1), seqs.get(2), later.get(0));
        assertThat(sequenceNumbers(afterSeq)).containsExactly(seqs.get(2), later.get(0));
        assertThat(sequenceNumbers(atTime)).as("records at or after the second one's arrival")
                .endsWith(seqs.get(1), seqs.get(2), later.get(0));
        assertThat(sequenceNumbers(latest)).containsExactly(later.get(0));

        // the continuation of an event without records resumes where that event left off
        FanOutSubscription resumed = subscribe(http2, consumers.get(4), SHARD_0,
                p -> p.type(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(idleContinuation));
        Poll.until(WAIT, "the record put after the idle event", () -> !resumed.records().isEmpty());
        assertThat(sequenceNumbers(resumed)).containsExactly(later.get(0));
    }

    @Test
    void aSubscriptionLastsItsLifetimeAndASecondIsRefusedWithinFiveSecondsThenTakesOver() {
        String stream = stream(1);
        List<String> consumers = activeConsumers(stream, "owner", "untouched");
        String consumer = consumers.get(0);
        StartingPosition latest = StartingPosition.builder().type(ShardIteratorType.LATEST).build();
        // one that nothing takes over, to see its whole lifetime meanwhile
        FanOutSubscription untouched = subscribe(http2, consumers.get(1), SHARD_0,
                p -> p.type(ShardIteratorType.LATEST));
        FanOutSubscription first = new FanOutSubscription(http2, consumer, SHARD_0, latest);
        first.accepted.join();

        // past the rate of one call a second, a second subscription is refused for the first
        Throwable refusal = refusalOf(consumer, latest);
        assertThat(refusal).isInstanceOf(ResourceInUseException.class);

        FanOutSubscription[] taker = new FanOutSubscription[1];
        Poll.until(WAIT, "a subscription that takes over", () -> {
            taker[0] = new FanOutSubscription(http2, consumer, SHARD_0, latest);
            return taker[0].accepted.handle((response, error) -> {
                if (error != null && !(error instanceof ResourceInUseException || error instanceof LimitExceededException)) {
                    throw new AssertionError("a take-over refused with " + error, error);
                }
                return error == null;
            }).get(10, TimeUnit.SECONDS);
        });
        FanOutSubscription second = taker[0];
        assertThat(Duration.ofNanos(System.nanoTime() - first.sentNanos)).as("time until the take-over")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> first.ended.get(30, TimeUnit.SECONDS))
                .as("the subscription taken over ends with an error").hasCauseInstanceOf(ResourceInUseException.class);

        List<String> seq = put(stream, "taken-", 1);
        Poll.until(WAIT, "the record at the new owner", () -> !second.records().isEmpty());
        assertThat(sequenceNumbers(second)).containsExactly(seq.get(0));

        // a subscription lasts its lifetime, then ends cleanly, idle events keeping it alive meanwhile
        untouched.ended.orTimeout(LIFETIME_SECONDS + 30, TimeUnit.SECONDS).join();
        assertThat(Duration.ofNanos(System.nanoTime() - untouched.sentNanos)).as("the subscription's lifetime")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(LIFETIME_SECONDS));
        assertThat(untouched.events).as("idle events in %d s", LIFETIME_SECONDS)
                .hasSizeGreaterThanOrEqualTo(LIFETIME_SECONDS / 2)
                .allSatisfy(e -> assertThat(e.continuationSequenceNumber()).isNotBlank());
        assertThat(untouched.records()).extracting(Record::sequenceNumber).containsExactly(seq.get(0));
    }

    @Test
    void aSubscriptionWhoseClientWentAwayEndsAtOnce() {
        String stream = stream(1);
        String consumer = activeConsumer(stream, "gone");
        StartingPosition latest = StartingPosition.builder().type(ShardIteratorType.LATEST).build();
        try (KinesisAsyncClient leaving = WireClients.http2(aws)) {
            new FanOutSubscription(leaving, consumer, SHARD_0, latest).accepted.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        }
        // once the call rate allows, well within the 5 s in which a live subscription could not be
        // taken over, a new one is accepted: the engine ended the first when its connection closed
        assertThat(refusalOf(consumer, latest)).as("the refusal of a new subscription").isNull();
    }

    @Test
    void aConsumerSubscribesToAShardOnceASecond() {
        String stream = stream(2);
        String consumer = activeConsumer(stream, "eager");
        StartingPosition latest = StartingPosition.builder().type(ShardIteratorType.LATEST).build();
        // two calls at once for one shard: one is taken, the other refused for the rate (within the
        // 5 s in which a second subscription is refused anyway, the rate is checked first)
        List<FanOutSubscription> both = List.of(new FanOutSubscription(http2, consumer, SHARD_0, latest),
                new FanOutSubscription(http2, consumer, SHARD_0, latest));
        List<Throwable> outcomes = both.stream().map(s -> s.accepted.handle((response, error) -> error)
                .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join()).toList();
        assertThat(outcomes).filteredOn(java.util.Objects::isNull).as("subscriptions taken").hasSize(1);
        assertThat(outcomes).filteredOn(java.util.Objects::nonNull).singleElement()
                .isInstanceOf(LimitExceededException.class);
        // another shard of the same consumer has a rate of its own
        subscribe(http2, consumer, "shardId-000000000001", p -> p.type(ShardIteratorType.LATEST));
    }

    @Test
    void aSplitParentReadToItsEndEndsWithItsChildShardsAndNoContinuation() {
        String stream = stream(1);
        String consumer = activeConsumer(stream, "split");
        List<String> parentRecords = put(stream, "parent-", 3);
        Shard parent = aws.kinesis().listShards(r -> r.streamName(stream)).shards().get(0);
        BigInteger middle = new BigInteger(parent.hashKeyRange().endingHashKey()).shiftRight(1);
        aws.kinesis().splitShard(r -> r.streamName(stream).shardToSplit(SHARD_0).newStartingHashKey(middle.toString()));
        aws.awaitStreamActive(stream);
        put(stream, "child-", 4);

        FanOutSubscription subscription = subscribe(http2, consumer, SHARD_0, p -> p.type(ShardIteratorType.TRIM_HORIZON));
        subscription.ended.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();

        assertThat(sequenceNumbers(subscription)).containsExactlyElementsOf(parentRecords);
        SubscribeToShardEvent last = subscription.last();
        assertThat(last.continuationSequenceNumber()).as("continuation at the shard's end").isNull();
        assertThat(last.childShards()).extracting(ChildShard::shardId)
                .containsExactlyInAnyOrder("shardId-000000000001", "shardId-000000000002");
        assertThat(last.childShards()).allSatisfy(child -> assertThat(child.parentShards()).containsExactly(SHARD_0));
        assertThat(subscription.events.subList(0, subscription.events.size() - 1)).allSatisfy(event -> {
            assertThat(event.continuationSequenceNumber()).isNotBlank();
            assertThat(event.childShards()).isEmpty();
        });
    }

    @Test
    void eachRegisteredConsumerReadsAtItsOwnRateAndPollingReadersKeepTheirs() {
        String stream = stream(1);
        // 4 records of 1,000,000 bytes: each waits for the write bucket to refill
        for (int i = 0; i < 4; i++) {
            Poll.until(WAIT, "a 1,000,000-byte record written", () -> aws.kinesis().putRecords(r -> r.streamName(stream)
                    .records(e -> e.partitionKey("k").data(SdkBytes.fromByteArray(new byte[1_000_000])))).failedRecordCount() == 0);
        }
        List<String> consumers = activeConsumers(stream, "reader", "other");
        String otherConsumer = consumers.get(1);
        FanOutSubscription reader = subscribe(http2, consumers.get(0), SHARD_0,
                p -> p.type(ShardIteratorType.TRIM_HORIZON));
        Poll.until(WAIT, "the first consumer's records", () -> reader.records().size() == 4);
        // 4,000,000 bytes against 2 MiB/s: that consumer may read again in about a second, while
        // another, reading at a rate of its own, gets a record put now at once
        FanOutSubscription other = subscribe(http2, otherConsumer, SHARD_0,
                p -> p.type(ShardIteratorType.LATEST));
        String late = aws.kinesis().putRecord(r -> r.streamName(stream).partitionKey("k")
                .data(SdkBytes.fromUtf8String("late"))).sequenceNumber();
        Poll.until(WAIT, "the late record at the other consumer", () -> sequenceNumbers(other).contains(late));
        assertThat(sequenceNumbers(reader)).as("records at the first consumer when the other has the late one")
                .hasSize(4);
        Poll.until(WAIT, "the late record at the first consumer", () -> sequenceNumbers(reader).contains(late));

        // 4 MB read by a consumer, none of it from the polling readers' 2 MiB/s
        KinesisClient polling = aws.kinesis();
        assertThat(polling.getRecords(r -> r.shardIterator(polling.getShardIterator(i -> i.streamName(stream)
                .shardId(SHARD_0).shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator()).limit(3))
                .records()).hasSize(3);
    }

    @Test
    void http11AndHttp2AreServedOnOnePort() {
        // Apache's client speaks HTTP/1.1 only; the Netty client with HTTP/2 fails on a server that
        // does not answer its preface with SETTINGS
        KinesisClient http11 = aws.kinesis();
        String stream = stream(1);
        assertThat(http11.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary().streamName())
                .isEqualTo(stream);
        assertThat(http2.describeStreamSummary(r -> r.streamName(stream)).join().streamDescriptionSummary().streamName())
                .isEqualTo(stream);
        assertThat(aws.kinesisAsync().describeStreamSummary(r -> r.streamName(stream)).join()
                .streamDescriptionSummary().streamName()).as("HTTP/1.1 through the async client").isEqualTo(stream);
    }

    @Test
    void anOversizedRequestOverHttp2IsRefusedAndTheEngineKeepsServing() {
        String stream = stream(1);
        // 8 MiB of data, in CBOR or JSON, is over the engine's 7 MiB for a request
        assertThatThrownBy(() -> http2.putRecord(r -> r.streamName(stream).partitionKey("k")
                .data(SdkBytes.fromByteArray(new byte[8 * 1024 * 1024]))).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(SdkServiceException.class)
                .satisfies(e -> assertThat(((SdkServiceException) e).statusCode()).isEqualTo(413));
        assertThat(http2.putRecord(r -> r.streamName(stream).partitionKey("k")
                .data(SdkBytes.fromUtf8String("small"))).join().sequenceNumber()).isNotBlank();
        assertThat(aws.kinesis().describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary()
                .streamName()).isEqualTo(stream);
    }

    /** What refuses a subscription once the consumer's call rate is not the reason; null if it is accepted. */
    private static Throwable refusalOf(String consumer, StartingPosition position) {
        Throwable[] refusal = new Throwable[1];
        Poll.until(WAIT, "a refusal other than the call rate's", () -> {
            FanOutSubscription attempt = new FanOutSubscription(http2, consumer, SHARD_0, position);
            refusal[0] = attempt.accepted.handle((response, error) -> error).get(10, TimeUnit.SECONDS);
            return !(refusal[0] instanceof LimitExceededException);
        });
        return refusal[0];
    }

    private static String stream(int shards) {
        String name = LocalAws.uniqueName("fanout");
        aws.createStream(name, shards);
        return name;
    }

    /** Consumers of the stream, registered together and then ACTIVE, in the order named. */
    private static List<String> activeConsumers(String stream, String... names) {
        KinesisClient kinesis = aws.kinesis();
        String streamArn = kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary().streamARN();
        List<String> arns = java.util.Arrays.stream(names).map(name -> kinesis.registerStreamConsumer(r -> r
                .streamARN(streamArn).consumerName(name)).consumer().consumerARN()).toList();
        Poll.until(WAIT, "consumers " + List.of(names) + " ACTIVE", () -> arns.stream().allMatch(arn -> kinesis
                .describeStreamConsumer(r -> r.consumerARN(arn)).consumerDescription().consumerStatus() == ConsumerStatus.ACTIVE));
        return arns;
    }

    private static String activeConsumer(String stream, String name) {
        return activeConsumers(stream, name).get(0);
    }

    private static FanOutSubscription subscribe(KinesisAsyncClient client, String consumer, String shard,
                                                Consumer<StartingPosition.Builder> position) {
        StartingPosition.Builder builder = StartingPosition.builder();
        position.accept(builder);
        FanOutSubscription subscription = new FanOutSubscription(client, consumer, shard, builder.build());
        subscription.accepted.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        return subscription;
    }

    /** Puts records one by one, each with its text as data; their sequence numbers. */
    private static List<String> put(String stream, String prefix, int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> aws.kinesis().putRecord(r -> r.streamName(stream)
                .partitionKey("key-" + i).data(SdkBytes.fromUtf8String(prefix + i))).sequenceNumber()).toList();
    }

    private static List<String> sequenceNumbers(FanOutSubscription subscription) {
        return subscription.records().stream().map(Record::sequenceNumber).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static String base64(String text) {
        return java.util.Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
