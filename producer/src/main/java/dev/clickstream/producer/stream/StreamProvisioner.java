package dev.clickstream.producer.stream;

import dev.clickstream.common.cli.CliException;
import dev.clickstream.common.errors.Errors;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * Makes sure the stream exists and is ACTIVE: creates it when missing, re-uses it when it exists,
 * and polls its status at a fixed interval, reporting each status, until it is ACTIVE or the
 * ready timeout passes. Every other error ends the wait at once (the original hangs on them).
 */
public final class StreamProvisioner {
    private static final Logger LOG = LoggerFactory.getLogger(StreamProvisioner.class);

    /** The outcome: whether this run created the stream, and its open shard count. */
    public record Ready(boolean created, int openShards) {}

    private final KinesisAsyncClient client;
    private final Duration pollInterval;
    private final Duration readyTimeout;
    private final Consumer<String> console;

    public StreamProvisioner(KinesisAsyncClient client, Duration pollInterval, Duration readyTimeout,
                             Consumer<String> console) {
        this.client = client;
        this.pollInterval = pollInterval;
        this.readyTimeout = readyTimeout;
        this.console = console;
    }

    public Ready ensureActive(String stream, int shards) throws InterruptedException {
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        boolean created = create(stream, shards);
        StreamStatus last = null;
        while (true) {
            StreamDescriptionSummary summary = describe(stream, created);
            StreamStatus status = summary == null ? null : summary.streamStatus();
            if (status == StreamStatus.ACTIVE) {
                int open = summary.openShardCount() == null ? shards : summary.openShardCount();
                say("stream " + stream + " is ACTIVE with " + open + " open shard" + (open == 1 ? "" : "s"));
                if (!created && open != shards) {
                    say("note: the stream has " + open + " open shards, not " + shards
                            + "; events still use resource-0 ... resource-" + (shards - 1));
                }
                return new Ready(created, open);
            }
            if (status == StreamStatus.DELETING) {
                throw CliException.runtime("stream " + stream + " is being deleted; try again once it is gone");
            }
            String shown = status == null ? "not visible yet" : status.toString();
            if (status != last || status == null) {
                LOG.info("stream {} status: {}", stream, shown);
            }
            say("stream " + stream + ": " + shown + ", checking again in " + pollInterval.toSeconds() + " s");
            last = status;
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw CliException.runtime("stream " + stream + " is not ACTIVE after " + format(readyTimeout)
                        + " (last status: " + shown + "); raise --ready-timeout or check the stream");
            }
            Thread.sleep(Math.min(pollInterval.toMillis(), Math.max(1, left / 1_000_000)));
        }
    }

    private boolean create(String stream, int shards) {
        try {
            client.createStream(r -> r.streamName(stream).shardCount(shards)).join();
            say("creating stream " + stream + " with " + shards + " shard" + (shards == 1 ? "" : "s"));
            return true;
        } catch (CompletionException e) {
            if (Errors.unwrap(e) instanceof ResourceInUseException) {
                say("stream " + stream + " already exists; re-using it");
                return false;
            }
            throw failure("cannot create stream " + stream, e);
        }
    }

    /** Null while the stream is not visible yet: kinesis-local denies a just-created stream for a moment. */
    private StreamDescriptionSummary describe(String stream, boolean created) {
        try {
            return client.describeStreamSummary(r -> r.streamName(stream)).join().streamDescriptionSummary();
        } catch (CompletionException e) {
            Throwable cause = Errors.unwrap(e);
            if (cause instanceof ResourceNotFoundException && created) {
                return null;
            }
            if (cause instanceof LimitExceededException) {
                LOG.info("DescribeStreamSummary throttled; polling on");
                return null;
            }
            throw failure("cannot describe stream " + stream, e);
        }
    }

    private CliException failure(String what, Throwable error) {
        return new CliException(CliException.RUNTIME, what + ": " + Errors.describe(error), Errors.unwrap(error));
    }

    private void say(String line) {
        LOG.info(line);
        console.accept(line);
    }

    private static String format(Duration d) {
        return dev.clickstream.common.config.Durations.format(d);
    }
}
