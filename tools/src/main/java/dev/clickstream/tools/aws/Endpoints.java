package dev.clickstream.tools.aws;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;

/** Region, per-service endpoint overrides (the local stack) and the credentials spec. */
public record Endpoints(Region region, Optional<URI> kinesis, Optional<URI> dynamoDb, Optional<URI> s3,
                        String credentialsSpec) {

    /** Where the calls go, for the first line the command prints. */
    public String describe() {
        if (kinesis.isEmpty() && dynamoDb.isEmpty() && s3.isEmpty()) {
            return "AWS " + region.id();
        }
        return "kinesis " + kinesis.map(URI::toString).orElse("AWS") + ", dynamodb "
                + dynamoDb.map(URI::toString).orElse("AWS") + ", s3 " + s3.map(URI::toString).orElse("AWS")
                + " (region " + region.id() + ")";
    }
}
