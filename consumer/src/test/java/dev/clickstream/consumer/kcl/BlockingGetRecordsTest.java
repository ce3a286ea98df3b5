package dev.clickstream.consumer.kcl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryRequest;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryResponse;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.core.SdkBytes;

class BlockingGetRecordsTest {
    private final List<String> calls = new ArrayList<>();

    /** Plain fakes of the two client interfaces: each records which of its methods ran. */
    private final KinesisAsyncClient async = new KinesisAsyncClient() {
        @Override
        public CompletableFuture<GetRecordsResponse> getRecords(GetRecordsRequest request) {
            calls.add("async getRecords");
            return CompletableFuture.completedFuture(GetRecordsResponse.builder().build());
        }

        @Override
        public CompletableFuture<DescribeStreamSummaryResponse> describeStreamSummary(DescribeStreamSummaryRequest r) {
            calls.add("async describeStreamSummary " + r.streamName());
            return CompletableFuture.completedFuture(DescribeStreamSummaryResponse.builder().build());
        }

        @Override
        public String serviceName() {
            return "kinesis";
        }

        @Override
        public void close() {
            calls.add("async close");
        }
    };

    private RuntimeException failure;
    /** How many of the next reads Kinesis refuses. */
    private int throttles;
    /** Whether each of the next answers has a record (none once empty). */
    private final Deque<Boolean> withRecords = new ArrayDeque<>();
    private static final Record RECORD = Record.builder().sequenceNumber("1").partitionKey("k")
            .data(SdkBytes.fromUtf8String("x")).build();
    /** MillisBehindLatest of the next answers (7 when empty); each answer's next iterator is the request's + "'". */
    private final Deque<Long> behind = new ArrayDeque<>();
    /** A fake clock in ms: each read takes READ_MS; the test's sleeps move it too. */
    private long nowMillis = 1_000;
    private final List<Long> sleptMillis = new ArrayList<>();
    private static final long READ_MS = 30;

    private final KinesisClient blocking = new KinesisClient() {
        @Override
        public GetRecordsResponse getRecords(GetRecordsRequest request) {
            calls.add("blocking getRecords " + request.shardIterator() + " on " + Thread.currentThread().getName());
            nowMillis += READ_MS;
            if (throttles > 0) {
                throttles--;
                throw ProvisionedThroughputExceededException.builder().message("Rate exceeded for shard").build();
            }
            if (failure != null) {
                throw failure;
            }
            return GetRecordsResponse.builder().millisBehindLatest(behind.isEmpty() ? 7L : behind.poll())
                    .records(withRecords.isEmpty() || !withRecords.poll() ? List.of() : List.of(RECORD))
                    .nextShardIterator(request.shardIterator() + "'").build();
        }

        @Override
        public String serviceName() {
            return "kinesis";
        }

        @Override
        public void close() {
            calls.add("blocking close");
        }
    };

    private int throttledReads;

    private final KinesisAsyncClient client = wrap(Duration.ZERO);

    /** The client under test, pacing with a 250 ms idle pause, up to 2 s for a quiet shard, and {@code hold}. */
    private KinesisAsyncClient wrap(Duration hold) {
        return BlockingGetRecords.wrap(async, blocking,
                new ReadPacing(Duration.ofMillis(250), Duration.ofMillis(2000), Duration.ofMillis(200), hold),
                () -> throttledReads++, () -> nowMillis * 1_000_000, nanos -> {
                    sleptMillis.add(nanos / 1_000_000);
                    nowMillis += nanos / 1_000_000;
                }, () -> 1.0);
    }

    private GetRecordsResponse read(String iterator) {
        return client.getRecords(GetRecordsRequest.builder().shardIterator(iterator).build()).join();
    }

    @Test
    void aShardThatIsBehindIsReadAgainAtOnceButNotMoreThanFiveTimesASecond() {
        behind.addAll(List.of(60_000L, 30_000L, 1_000L));
        GetRecordsResponse first = read("it");
        GetRecordsResponse second = read(first.nextShardIterator());
        read(second.nextShardIterator());

        // each read took 30 ms: 170 ms more make 200 from the start of the last read
        assertThat(sleptMillis).containsExactly(170L, 170L);
    }

    @Test
    void aShardThatIsCaughtUpWaitsTheIdleTimeAfterItsLastRead() {
        behind.addAll(List.of(0L, 0L));
        GetRecordsResponse first = read("it");
        nowMillis += 100; // the KCL's processing of the answer counts toward the pause
        read(first.nextShardIterator());

        assertThat(sleptMillis).containsExactly(150L);
    }

    @Test
    void aFailedReadIsRetriedAfterTheIdleTimeNotAtOnce() {
        failure = ExpiredIteratorException.builder().message("expired").build();
        client.getRecords(GetRecordsRequest.builder().shardIterator("it").build());
        failure = null;
        read("it");

        assertThat(sleptMillis).containsExactly(250L);
    }

    @Test
    void aChainTheKclLeftIsForgottenOnceItCouldNoLongerCauseAPause() {
        behind.addAll(List.of(0L, 0L));
        read("left");
        nowMillis += 2000; // the longest idle pause, the longest pause a read can cause
        read("other");

        BlockingGetRecords handler = (BlockingGetRecords) java.lang.reflect.Proxy.getInvocationHandler(client);
        assertThat(handler.remembered()).as("only the read of the live chain").isEqualTo(1);
    }

    @Test
    void aQuietShardIsReadLessAndLessOftenUpToTheBoundAndAtFullSpeedFromTheFirstRecord() {
        behind.addAll(java.util.Collections.nCopies(12, 0L));
        withRecords.addAll(List.of(false, false, false, false, false, false, false, false, false, true, false));
        String iterator = "it";
        for (int i = 0; i < 11; i++) {
            iterator = read(iterator).nextShardIterator();
        }
        read(iterator);

        // the pause runs from the end of a read: 4 empty reads at the idle pause, then doubling up to
        // 2 s; after a read with a record, the idle pause again
        assertThat(sleptMillis).containsExactly(250L, 250L, 250L, 250L, 500L, 1000L, 2000L, 2000L, 2000L, 250L, 250L);
    }

    @Test
    void aShardIsReadAtTheIdlePauseForTheHoldAfterItsLastRecordsAndOnlyThenBacksOff() {
        KinesisAsyncClient held = wrap(Duration.ofSeconds(1));
        behind.addAll(java.util.Collections.nCopies(11, 0L));
        withRecords.add(true);
        String iterator = "it";
        for (int i = 0; i < 11; i++) {
            iterator = held.getRecords(GetRecordsRequest.builder().shardIterator(iterator).build()).join()
                    .nextShardIterator();
        }

        // 280 ms from the end of one read to the end of the next: the empty reads that end within the
        // second after the record's read count for nothing, then 4 at the idle pause, then doubling
        // (without the hold the first 4 empty reads would have been the last at 250 ms)
        assertThat(sleptMillis).containsExactly(250L, 250L, 250L, 250L, 250L, 250L, 250L, 250L, 500L, 1000L);
    }

    @Test
    void aRefusedReadIsCountedAndRetriedAfterAGrowingWaitWithoutTheKclSeeingIt() {
        throttles = 3;
        GetRecordsResponse answer = read("it");

        assertThat(answer.nextShardIterator()).isEqualTo("it'");
        assertThat(throttledReads).isEqualTo(3);
        // 200, 400, 800 ms with jitter at its top
        assertThat(sleptMillis).containsExactly(200L, 400L, 800L);
        assertThat(calls).containsOnly("blocking getRecords it on " + Thread.currentThread().getName()).hasSize(4);
    }

    @Test
    void aShardThatStaysRefusedGivesTheKclTheExceptionAfterTheRetries() {
        throttles = 100;
        CompletableFuture<GetRecordsResponse> answer = client.getRecords(GetRecordsRequest.builder().shardIterator("it").build());

        assertThat(answer).isCompletedExceptionally();
        assertThat(throttledReads).isEqualTo(ReadPacing.THROTTLED_RETRIES + 1);
        assertThat(sleptMillis).hasSize(ReadPacing.THROTTLED_RETRIES).allSatisfy(ms -> assertThat(ms).isLessThanOrEqualTo(1000));
    }

    @Test
    void theFirstReadOfAnIteratorIsNotPaused() {
        read("it-a");
        read("it-b");

        assertThat(sleptMillis).isEmpty();
    }

    @Test
    void getRecordsRunsOnTheBlockingClientInTheCallingThreadAndReturnsADoneFuture() throws Exception {
        CompletableFuture<GetRecordsResponse> answer = client.getRecords(GetRecordsRequest.builder().shardIterator("it-1").build());

        assertThat(answer).isDone();
        assertThat(answer.get().millisBehindLatest()).isEqualTo(7L);
        assertThat(calls).containsExactly("blocking getRecords it-1 on " + Thread.currentThread().getName());
    }

    @Test
    void aFailedGetRecordsFailsTheFutureWithTheSameExceptionAsTheAsyncClientWould() {
        failure = ExpiredIteratorException.builder().message("expired").build();

        CompletableFuture<GetRecordsResponse> answer = client.getRecords(GetRecordsRequest.builder().shardIterator("it-2").build());

        assertThat(answer).isCompletedExceptionally();
        try {
            answer.get();
        } catch (ExecutionException e) {
            // what the KCL's KinesisDataFetcher unwraps and maps
            assertThat(e.getCause()).isSameAs(failure);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everyOtherCallGoesToTheAsyncClient() {
        client.describeStreamSummary(DescribeStreamSummaryRequest.builder().streamName("s").build()).join();

        assertThat(calls).containsExactly("async describeStreamSummary s");
        assertThat(client.serviceName()).isEqualTo("kinesis");
    }

    @Test
    void closeClosesBoth() {
        client.close();

        assertThat(calls).containsExactlyInAnyOrder("blocking close", "async close");
    }
}
