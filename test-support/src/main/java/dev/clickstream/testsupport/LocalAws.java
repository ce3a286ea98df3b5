package dev.clickstream.testsupport;

import dev.clickstream.common.aws.AwsSettings;
import dev.clickstream.common.aws.CredentialsProviders;
import dev.clickstream.local.Endpoints;
import dev.clickstream.local.KinesisLimits;
import dev.clickstream.local.LocalStack;
import dev.clickstream.local.LocalStackException;
import dev.clickstream.local.LocalStackOptions;
import dev.clickstream.local.Ports;
import dev.clickstream.testsupport.container.StackContainer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The running local stack as tests see it: its endpoints, SDK v2 clients for each service, and a
 * few helpers that every integration test needs (fresh names, a stream that is ACTIVE).
 * Clients are created once by {@link #of} and shared; they are thread-safe.
 *
 * <p>The stack is the embedded one ({@link LocalStack}, in this JVM) or one in a container
 * ({@link #of(Endpoints, Path, AutoCloseable)}): tests that only talk to the endpoints run on either.
 */
public final class LocalAws implements AutoCloseable {
    public static final Region REGION = Region.US_EAST_1;
    public static final String CREDENTIALS_SPEC = CredentialsProviders.LOCAL;

    private static final AtomicInteger NAMES = new AtomicInteger();

    private final Endpoints endpoints;
    private final Path s3Root;
    private final LocalStack stack;
    private final AutoCloseable owner;
    private final AwsCredentialsProvider credentials;
    private final KinesisClient kinesis;
    private final KinesisAsyncClient kinesisAsync;
    private final DynamoDbClient dynamoDb;
    private final DynamoDbAsyncClient dynamoDbAsync;
    private final S3Client s3;

    private LocalAws(Endpoints at, Path s3Root, LocalStack stack, AutoCloseable owner) {
        this.endpoints = at;
        this.s3Root = s3Root;
        this.stack = stack;
        this.owner = owner;
        this.credentials = CredentialsProviders.parse(CREDENTIALS_SPEC);
        this.kinesis = settings(at.kinesis(), credentials).configure(KinesisClient.builder())
                .httpClientBuilder(Apache5HttpClient.builder()).build();
        this.kinesisAsync = settings(at.kinesis(), credentials).configure(KinesisAsyncClient.builder())
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1)).build();
        this.dynamoDb = settings(at.dynamoDb(), credentials).configure(DynamoDbClient.builder())
                .httpClientBuilder(Apache5HttpClient.builder()).build();
        this.dynamoDbAsync = settings(at.dynamoDb(), credentials).configure(DynamoDbAsyncClient.builder())
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()).build();
        this.s3 = settings(at.s3(), credentials).configure(S3Client.builder())
                .forcePathStyle(true)
                .httpClientBuilder(Apache5HttpClient.builder()).build();
    }

    /** Clients for the embedded stack's servers, with the dummy credentials. */
    static LocalAws of(LocalStack stack) {
        return new LocalAws(stack.endpoints(), stack.options().s3Root(), stack, stack);
    }

    /**
     * Clients for a stack that runs elsewhere (a container): its endpoints, where its S3 objects
     * are as plain files on this machine (null when they are not), and what {@link #close} stops.
     */
    public static LocalAws of(Endpoints endpoints, Path s3Root, AutoCloseable owner) {
        return new LocalAws(endpoints, s3Root, null, owner);
    }

    /** Clients for a started {@link StackContainer}; {@link #close} stops the container. */
    public static LocalAws of(StackContainer container) {
        return of(container.endpoints(), container.s3Root().orElse(null), container);
    }

    /** A stack of the test's own (persisted, say), for tests that stop or restart its servers. */
    public static LocalAws start(LocalStackOptions options) throws LocalStackException {
        return of(LocalStack.start(options));
    }

    /** A stack of the test's own on free ports with --persist, its data and logs under dir. */
    public static LocalAws startPersistent(Path dir) throws LocalStackException {
        return start(new LocalStackOptions(Ports.freePort(), Ports.freePort(), Ports.freePort(),
                dir.resolve("data"), true, "node", dir.resolve("logs"), KinesisLimits.OFF));
    }

    /** A stack of the test's own on free ports, in memory, with Kinesis's limits as given; data and logs under dir. */
    public static LocalAws startWith(KinesisLimits limits, Path dir) throws LocalStackException {
        return start(LocalStackOptions.onFreePorts(dir.resolve("data"), dir.resolve("logs")).withKinesisLimits(limits));
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    /** Where S3 objects live as plain files: {@code s3Root()/bucket/key}. */
    public Path s3Root() {
        if (s3Root == null) {
            throw new IllegalStateException("this stack keeps its S3 objects where this test cannot read them as files");
        }
        return s3Root;
    }

    /**
     * The embedded stack, for tests that stop and start its servers; such tests start their own
     * ({@link #start}), so they never get a container.
     */
    public LocalStack stack() {
        if (stack == null) {
            throw new IllegalStateException("this stack runs in a container: only a stack of the test's own "
                    + "(LocalAws.start) can have its servers stopped");
        }
        return stack;
    }

    public AwsCredentialsProvider credentials() {
        return credentials;
    }

    public KinesisClient kinesis() {
        return kinesis;
    }

    public KinesisAsyncClient kinesisAsync() {
        return kinesisAsync;
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    public DynamoDbAsyncClient dynamoDbAsync() {
        return dynamoDbAsync;
    }

    public S3Client s3() {
        return s3;
    }

    /** Region, endpoint and the dummy credentials, for building any other client. */
    public AwsSettings settings(URI endpoint) {
        return settings(endpoint, credentials);
    }

    private static AwsSettings settings(URI endpoint, AwsCredentialsProvider credentials) {
        return new AwsSettings(REGION, Optional.of(endpoint), credentials);
    }

    /**
     * A name no other test in this JVM uses, valid for streams, tables and buckets
     * (lower case, digits and dashes, 3-63 characters).
     */
    public static String uniqueName(String prefix) {
        String clean = prefix.toLowerCase().replaceAll("[^a-z0-9-]", "-");
        return clean + "-" + ProcessHandle.current().pid() + "-" + NAMES.incrementAndGet();
    }

    /**
     * Creates a stream and returns once it is ACTIVE. Kinesis (and kinesalite) allows only a
     * few streams in CREATING at once, so tests running in parallel wait for their turn.
     */
    /**
     * Asked of the stream itself: ListStreams pages through more than ten streams only with the
     * ExclusiveStartStreamName that kinesalite understands, and the SDK's paginator sends NextToken.
     */
    public boolean streamExists(String name) {
        try {
            kinesis.describeStreamSummary(r -> r.streamName(name));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    public void createStream(String name, int shards) {
        Poll.until(Duration.ofSeconds(60), "stream " + name + " created", () -> {
            try {
                kinesis.createStream(r -> r.streamName(name).shardCount(shards));
                return true;
            } catch (LimitExceededException e) {
                return false;
            }
        });
        awaitStreamActive(name);
    }

    public void awaitStreamActive(String name) {
        Poll.until(Duration.ofSeconds(30), "stream " + name + " ACTIVE",
                () -> kinesis.describeStreamSummary(r -> r.streamName(name))
                        .streamDescriptionSummary().streamStatus() == StreamStatus.ACTIVE);
    }

    /** Closes the clients and stops the stack; the extension's store calls this when the run ends. */
    @Override
    public void close() {
        kinesis.close();
        kinesisAsync.close();
        dynamoDb.close();
        dynamoDbAsync.close();
        s3.close();
        try {
            owner.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the stack: " + e.getMessage(), e);
        }
    }
}
