package dev.clickstream.local;

import java.net.URI;

/** One emulated AWS service of the local stack, listening on 127.0.0.1. */
interface LocalService extends AutoCloseable {
    /** Short name used in messages and option names: kinesis, dynamodb, s3. */
    String name();

    int port();

    default URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** What runs behind the endpoint, for the start-up line. */
    String description();

    /** Starts the service and returns once it accepts connections. */
    void start() throws Exception;

    /** Stops the service; never throws. */
    @Override
    void close();
}
