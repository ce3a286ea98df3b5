package dev.clickstream.tools.delete;

import dev.clickstream.tools.aws.AwsResources;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.waiters.KinesisWaiter;

/** Kinesis data streams. */
record StreamTargets(KinesisClient kinesis) {

    boolean exists(String name) {
        return Lookup.exists(() -> kinesis.describeStreamSummary(r -> r.streamName(name)),
                ResourceNotFoundException.class::isInstance);
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
            return DeletionWait.outcome(() -> waiter.waitUntilStreamNotExists(r -> r.streamName(name)));
        }
    }
}
