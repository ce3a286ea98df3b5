package dev.clickstream.producer.stream;

import dev.clickstream.common.cli.CliException;
import dev.clickstream.common.config.Durations;
import dev.clickstream.common.errors.Errors;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.waiters.KinesisWaiter;

/**
 * Makes sure the stream exists and is ACTIVE: creates it when missing, re-uses it when it exists,
 * and waits with the SDK's StreamExists waiter (one DescribeStream per poll interval) until it is
 * ACTIVE or the ready timeout passes. A stream being deleted, and every error the waiter does not
 * retry, end the wait at once (the original hangs on them). The local stack's kinesalite answers
 * CREATING right after CreateStream, so the waiter needs no extra acceptor for "not visible yet".
 */
public final class StreamProvisioner {
    private static final Logger LOG = LoggerFactory.getLogger(StreamProvisioner.class);

    /** The outcome: whether this run created the stream, and its open shard count. */
    public record Ready(boolean created, int openShards) {}

    private final KinesisClient client;
    private final Duration pollInterval;
    private final Duration readyTimeout;
    private final Consumer<String> console;

    public StreamProvisioner(KinesisClient client, Duration pollInterval, Duration readyTimeout,
                             Consumer<String> console) {
        this.client = client;
        this.pollInterval = pollInterval;
        this.readyTimeout = readyTimeout;
        this.console = console;
    }

    /** @throws InterruptedException when stopped while waiting (Ctrl-C) */
    public Ready ensureActive(String stream, int shards) throws InterruptedException {
        boolean created = create(stream, shards);
        StreamDescriptionSummary summary = summary(stream);
        if (summary.streamStatus() != StreamStatus.ACTIVE) {
            awaitActive(stream, summary.streamStatus());
            summary = summary(stream);
        }
        int open = summary.openShardCount() == null ? shards : summary.openShardCount();
        say("stream " + stream + " is ACTIVE with " + open + " open shard" + (open == 1 ? "" : "s"));
        if (!created && open != shards) {
            say("note: the stream has " + open + " open shards, not " + shards
                    + "; events still use resource-0 ... resource-" + (shards - 1));
        }
        return new Ready(created, open);
    }

    private boolean create(String stream, int shards) throws InterruptedException {
        boolean created = call("cannot create stream " + stream, () -> {
            try {
                client.createStream(r -> r.streamName(stream).shardCount(shards));
                return true;
            } catch (ResourceInUseException e) {
                return false;
            }
        });
        say(created ? "creating stream " + stream + " with " + shards + " shard" + (shards == 1 ? "" : "s")
                : "stream " + stream + " already exists; re-using it");
        return created;
    }

    private void awaitActive(String stream, StreamStatus status) throws InterruptedException {
        requireNotDeleting(stream, status);
        say("stream " + stream + ": " + status + ", waiting up to " + Durations.format(readyTimeout)
                + " for ACTIVE (checking every " + Durations.format(pollInterval) + ")");
        try (KinesisWaiter waiter = KinesisWaiter.builder().client(client).build()) {
            call("cannot describe stream " + stream, () -> waiter.waitUntilStreamExists(r -> r.streamName(stream), w -> w
                    .waitTimeout(readyTimeout)
                    .maxAttempts(Integer.MAX_VALUE) // the timeout decides
                    .backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(pollInterval))));
        } catch (CliException e) {
            if (!isWaiterGivingUp(e.getCause())) {
                throw e;
            }
            StreamStatus last = summary(stream).streamStatus();
            requireNotDeleting(stream, last);
            throw CliException.runtime("stream " + stream + " is not ACTIVE after " + Durations.format(readyTimeout)
                    + " (last status: " + last + "); raise --ready-timeout or check the stream");
        }
    }

    /** The waiter keeps polling a DELETING stream until it is gone; there is no point in waiting. */
    private static void requireNotDeleting(String stream, StreamStatus status) {
        if (status == StreamStatus.DELETING) {
            throw CliException.runtime("stream " + stream + " is being deleted; try again once it is gone");
        }
    }

    /** The waiter ends a timed-out wait with a client exception of its own, not the service's. */
    private static boolean isWaiterGivingUp(Throwable t) {
        return t instanceof SdkClientException && t.getCause() == null
                && t.getMessage() != null && t.getMessage().startsWith("The waiter has exceeded");
    }

    private StreamDescriptionSummary summary(String stream) throws InterruptedException {
        return call("cannot describe stream " + stream,
                () -> client.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary());
    }

    /**
     * A blocking call whose SDK exception becomes a one-line {@link CliException}, or an
     * {@link InterruptedException} when the thread was interrupted (Ctrl-C): the blocking client
     * and the waiter's pause both answer an interrupt with an SDK exception.
     */
    private static <T> T call(String what, Supplier<T> call) throws InterruptedException {
        try {
            return call.get();
        } catch (SdkException e) {
            if (Thread.interrupted()) {
                throw new InterruptedException(what + ": interrupted");
            }
            throw new CliException(CliException.RUNTIME, what + ": " + Errors.describe(e), e);
        }
    }

    private void say(String line) {
        LOG.info(line);
        console.accept(line);
    }
}
