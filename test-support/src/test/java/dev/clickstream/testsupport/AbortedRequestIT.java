package dev.clickstream.testsupport;

import dev.clickstream.local.LocalStackOptions;
import dev.clickstream.local.Ports;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that goes away in the middle of a request (a killed producer or consumer) must not stop
 * an engine: kinesalite and dynalite threw on the aborted request and exited, which failed every
 * other client of the stack. A stack of its own, so that a regression fails this test only.
 */
class AbortedRequestIT {
    @TempDir
    Path dir;

    @Test
    void bothEnginesKeepAnsweringAfterAClientAbortsMidBody() throws Exception {
        try (LocalAws aws = LocalAws.start(LocalStackOptions.onFreePorts(dir.resolve("data"), dir.resolve("logs")))) {
            aws.kinesis().listStreams();
            aws.dynamoDb().listTables();

            abortMidBody(aws.endpoints().kinesis(), "Kinesis_20131202.ListStreams");
            abortMidBody(aws.endpoints().dynamoDb(), "DynamoDB_20120810.ListTables");

            Poll.throughout(Duration.ofSeconds(2), "both engines answering", () -> {
                aws.kinesis().listStreams();
                aws.dynamoDb().listTables();
                return true;
            });
        }
    }

    /** Sends the headers and part of the body it announces, then closes the connection. */
    private static void abortMidBody(URI endpoint, String target) throws Exception {
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST / HTTP/1.1\r\nHost: " + endpoint.getAuthority() + "\r\nX-Amz-Target: " + target
                    + "\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: 1000\r\n\r\n{\"Limit\":")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }
}
