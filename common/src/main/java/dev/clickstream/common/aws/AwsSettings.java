package dev.clickstream.common.aws;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.regions.Region;

/**
 * Where and as whom an SDK client talks: region, an optional endpoint override (the local stack),
 * and credentials. One instance per service endpoint; {@link #configure} applies it to any SDK v2
 * client builder, sync or async.
 */
public record AwsSettings(Region region, Optional<URI> endpoint, AwsCredentialsProvider credentials) {
    public AwsSettings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(credentials, "credentials");
    }

    public static AwsSettings of(String region, Optional<URI> endpoint, String credentialsSpec) {
        return new AwsSettings(Region.of(region), endpoint, CredentialsProviders.parse(credentialsSpec));
    }

    public AwsSettings withEndpoint(Optional<URI> otherEndpoint) {
        return new AwsSettings(region, otherEndpoint, credentials);
    }

    public AwsSettings withRegion(Region otherRegion) {
        return new AwsSettings(otherRegion, endpoint, credentials);
    }

    /**
     * Region, credentials and the endpoint override. The wire protocol stays the SDK's own toward
     * the local stack too (CBOR for Kinesis), since its kinesalite is patched to speak it.
     */
    public <B extends AwsClientBuilder<B, C>, C> B configure(B builder) {
        builder.region(region).credentialsProvider(credentials);
        endpoint.ifPresent(builder::endpointOverride);
        return builder;
    }

    /**
     * The HTTP protocol for a polling async client: HTTP/1.1 toward an endpoint override, since most
     * emulators speak only that (the local stack's kinesalite also serves h2c, which FANOUT needs and
     * gets through the KCL's own client builder), and empty toward AWS, to keep the SDK's default.
     */
    public Optional<Protocol> asyncProtocol() {
        return endpoint.map(uri -> Protocol.HTTP1_1);
    }

    /** Where the calls go, for messages: the endpoint override, or the region's AWS endpoint. */
    public String describeTarget() {
        return endpoint.map(URI::toString).orElse("AWS " + region.id());
    }
}
