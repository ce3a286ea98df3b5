package dev.clickstream.testsupport;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.StartingPosition;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponse;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

/**
 * One SubscribeToShard call through the SDK, as the KCL makes it: the events it received so far,
 * whether the engine accepted it (its initial response came) or refused it, and how it ended.
 */
final class FanOutSubscription {
    final List<SubscribeToShardEvent> events = new CopyOnWriteArrayList<>();
    /** Completes with the initial response, or exceptionally with the refusal (the service's exception). */
    final CompletableFuture<SubscribeToShardResponse> accepted = new CompletableFuture<>();
    /** Completes when the event stream ends cleanly, exceptionally when it ends with an error. */
    final CompletableFuture<Void> ended;
    final long sentNanos = System.nanoTime();

    FanOutSubscription(KinesisAsyncClient client, String consumerArn, String shardId, StartingPosition position) {
        ended = client.subscribeToShard(r -> r.consumerARN(consumerArn).shardId(shardId).startingPosition(position),
                SubscribeToShardResponseHandler.builder()
                        .onResponse(accepted::complete)
                        .onError(error -> accepted.completeExceptionally(unwrap(error)))
                        .subscriber(event -> {
                            if (event instanceof SubscribeToShardEvent e) events.add(e);
                        })
                        .build());
    }

    private static Throwable unwrap(Throwable error) {
        while (error instanceof CompletionException && error.getCause() != null) error = error.getCause();
        return error;
    }

    List<Record> records() {
        return events.stream().flatMap(e -> e.records().stream()).toList();
    }

    SubscribeToShardEvent last() {
        return events.get(events.size() - 1);
    }
}
