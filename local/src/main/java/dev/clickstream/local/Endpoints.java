package dev.clickstream.local;

import java.net.URI;

/** Where the local stack's three services listen, handed around as one value. */
public record Endpoints(URI kinesis, URI dynamoDb, URI s3) {
}
