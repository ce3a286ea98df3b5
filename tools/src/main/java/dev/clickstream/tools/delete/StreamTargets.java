package dev.clickstream.tools.delete;

import dev.clickstream.tools.aws.AwsResources;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamResponse;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.waiters.KinesisWaiter;

/** Kinesis data streams. */
final class StreamTargets {
    private final KinesisClient kinesis;

    StreamTargets(KinesisClient kinesis) {
        this.kinesis = kinesis;
    }

    boolean exists(String name) {
        try {
            kinesis.describeStreamSummary(r -> r.streamName(name));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    Result delete(String name) {
        try {
            // registered enhanced fan-out consumers would otherwise block the deletion
            kinesis.deleteStream(r -> r.streamName(name).enforceConsumerDeletion(true));
        } catch (ResourceNotFoundException e) {
            return Result.of(Outcome.NOT_FOUND);
        }
        try (KinesisWaiter waiter = KinesisWaiter.builder().client(kinesis)
                .overrideConfiguration(AwsResources.DELETION_WAIT).build()) {
            WaiterResponse<DescribeStreamResponse> done = waiter.waitUntilStreamNotExists(r -> r.streamName(name));
            return Result.of(done.matched().exception().isPresent() ? Outcome.DELETED : Outcome.DELETING);
        } catch (RuntimeException e) {
            if (isWaiterGaveUp(e)) {
                return Result.of(Outcome.DELETING);
            }
            throw e;
        }
    }

    static boolean isWaiterGaveUp(RuntimeException e) {
        return e instanceof software.amazon.awssdk.core.exception.SdkClientException
                && String.valueOf(e.getMessage()).contains("exceeded the max retry attempts");
    }
}
