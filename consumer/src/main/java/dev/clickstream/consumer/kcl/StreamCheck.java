package dev.clickstream.consumer.kcl;

import dev.clickstream.common.cli.CliException;
import dev.clickstream.common.errors.Errors;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;

/** Before the KCL starts: the stream must exist, or the scheduler would retry forever in the log. */
public final class StreamCheck {
    private StreamCheck() {}

    public static StreamDescriptionSummary requireStream(KinesisAsyncClient kinesis, String streamName, String target) {
        try {
            return kinesis.describeStreamSummary(r -> r.streamName(streamName)).join().streamDescriptionSummary();
        } catch (CompletionException e) {
            Throwable cause = Errors.unwrap(e);
            if (cause instanceof ResourceNotFoundException) {
                throw CliException.runtime("stream " + streamName + " does not exist (at " + target + ")");
            }
            throw new CliException(CliException.RUNTIME, "cannot reach Kinesis at " + target + ": " + Errors.describe(cause), cause);
        }
    }
}
