package dev.clickstream.consumer.kcl;

import dev.clickstream.common.aws.ServiceProbe;
import dev.clickstream.common.cli.CliException;
import dev.clickstream.common.errors.Errors;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;

/**
 * Before the KCL starts: the stream must exist and DynamoDB must answer, or the scheduler would
 * retry for minutes in the log while the console says "running".
 */
public final class StreamCheck {
    private StreamCheck() {}

    public static StreamDescriptionSummary requireStream(KinesisAsyncClient kinesis, String streamName, String target) {
        try {
            return kinesis.describeStreamSummary(r -> r.streamName(streamName)
                    .overrideConfiguration(ServiceProbe.bounded())).join().streamDescriptionSummary();
        } catch (CompletionException e) {
            Throwable cause = Errors.unwrap(e);
            if (cause instanceof ResourceNotFoundException) {
                throw CliException.runtime("stream " + streamName + " does not exist (at " + target + ")");
            }
            if (http2Refused(cause)) {
                throw CliException.runtime("Kinesis at " + target + " does not speak HTTP/2, which retrievalMode FANOUT "
                        + "(enhanced fan-out) needs: use retrievalMode POLLING there, or an endpoint that serves HTTP/2 "
                        + "(AWS, the local stack)");
            }
            throw ServiceProbe.failure("Kinesis", target, cause);
        }
    }

    /**
     * Whether the HTTP/2 client (FANOUT mode) met a server that answered otherwise: an HTTP/1.1-only
     * emulator answers the HTTP/2 preface with an HTTP/1.1 error, which Netty reports as an HTTP/2
     * protocol error ("First received frame was not SETTINGS").
     */
    private static boolean http2Refused(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getClass().getName().startsWith("io.netty.handler.codec.http2.Http2Exception")
                    || String.valueOf(t.getMessage()).contains("First received frame was not SETTINGS")) {
                return true;
            }
        }
        return false;
    }

    /** DescribeTable on the lease table, which the KCL calls first anyway; a missing table is fine (the KCL creates it). */
    public static void requireDynamoDb(DynamoDbAsyncClient dynamoDb, String leaseTable, String target) {
        try {
            dynamoDb.describeTable(r -> r.tableName(leaseTable).overrideConfiguration(ServiceProbe.bounded())).join();
        } catch (CompletionException e) {
            Throwable cause = Errors.unwrap(e);
            if (!(cause instanceof software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException)) {
                throw ServiceProbe.failure("DynamoDB", target, cause);
            }
        }
    }
}
