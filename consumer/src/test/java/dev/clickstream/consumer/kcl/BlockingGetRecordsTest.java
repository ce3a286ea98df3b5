package dev.clickstream.consumer.kcl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
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

    private final KinesisClient blocking = new KinesisClient() {
        @Override
        public GetRecordsResponse getRecords(GetRecordsRequest request) {
            calls.add("blocking getRecords " + request.shardIterator() + " on " + Thread.currentThread().getName());
            if (failure != null) {
                throw failure;
            }
            return GetRecordsResponse.builder().millisBehindLatest(7L).build();
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

    private final KinesisAsyncClient client = BlockingGetRecords.wrap(async, blocking);

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
