package dev.clickstream.producer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Makes PutRecords fail the way Kinesis does, without the server ever storing what it reports as
 * failed: entries picked to fail are taken out of the request before it is sent and put back into
 * the response as ProvisionedThroughputExceeded results; calls picked to fail never leave the
 * client (alternately a connection reset and a 503). So a record stored twice is the producer's
 * fault, and a record missing is a drop.
 */
final class FaultInjector implements ExecutionInterceptor {
    private static final ExecutionAttribute<boolean[]> DROPPED = new ExecutionAttribute<>("injected-dropped");
    private static final ExecutionAttribute<Integer> FAIL_CALL = new ExecutionAttribute<>("injected-call-failure");

    private final double entryFailureRate;
    private final int failEveryNthCall;
    private final Random random = new Random(1234);
    private final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger failedEntries = new AtomicInteger();
    final AtomicInteger failedCalls = new AtomicInteger();

    FaultInjector(double entryFailureRate, int failEveryNthCall) {
        this.entryFailureRate = entryFailureRate;
        this.failEveryNthCall = failEveryNthCall;
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        if (!(context.request() instanceof PutRecordsRequest request)) {
            return context.request();
        }
        int call = calls.incrementAndGet();
        if (failEveryNthCall > 0 && call % failEveryNthCall == 0) {
            attributes.putAttribute(FAIL_CALL, call);
            return request;
        }
        List<PutRecordsRequestEntry> entries = request.records();
        boolean[] dropped = new boolean[entries.size()];
        List<PutRecordsRequestEntry> kept = new ArrayList<>();
        synchronized (random) {
            for (int i = 0; i < entries.size(); i++) {
                // one entry always goes through: PutRecords needs at least one
                dropped[i] = i > 0 && random.nextDouble() < entryFailureRate;
                if (!dropped[i]) {
                    kept.add(entries.get(i));
                }
            }
        }
        failedEntries.addAndGet(entries.size() - kept.size());
        attributes.putAttribute(DROPPED, dropped);
        return request.toBuilder().records(kept).build();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        Integer call = attributes.getAttribute(FAIL_CALL);
        if (call == null) {
            return;
        }
        failedCalls.incrementAndGet();
        if (call % 2 == 0) {
            // as the HTTP client reports a reset: the I/O error is the cause the SDK's retry rules look at
            throw SdkClientException.create("Unable to execute HTTP request: injected",
                    new IOException("Connection reset"));
        }
        throw KinesisException.builder().statusCode(503).message("injected: service unavailable")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ServiceUnavailable")
                        .errorMessage("injected").build())
                .build();
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        boolean[] dropped = attributes.getAttribute(DROPPED);
        if (dropped == null || !(context.response() instanceof PutRecordsResponse response)) {
            return context.response();
        }
        List<PutRecordsResultEntry> results = new ArrayList<>();
        int next = 0;
        int failed = response.failedRecordCount() == null ? 0 : response.failedRecordCount();
        for (boolean drop : dropped) {
            if (drop) {
                failed++;
                results.add(PutRecordsResultEntry.builder().errorCode("ProvisionedThroughputExceededException")
                        .errorMessage("injected").build());
            } else {
                results.add(response.records().get(next++));
            }
        }
        return response.toBuilder().records(results).failedRecordCount(failed).build();
    }
}
