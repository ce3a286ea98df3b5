package dev.clickstream.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run the local stack.
 *
 * @param dataDir  S3 objects (always), and with {@code persist} also Kinesis streams and DynamoDB tables
 * @param logDir   where the Node.js emulator's output goes
 * @param nodeCommand the Node.js executable, looked up on PATH unless it is a path
 * @param kinesisLimits whether Kinesis enforces AWS's per-shard limits
 * @param subscriptionLimit how long a SubscribeToShard subscription lasts before Kinesis ends it
 *                          (5 minutes on AWS; shorter in tests of what a client does then)
 */
public record LocalStackOptions(int kinesisPort, int dynamoDbPort, int s3Port, Path dataDir, boolean persist,
                                String nodeCommand, Path logDir, KinesisLimits kinesisLimits,
                                Duration subscriptionLimit) {
    public static final int DEFAULT_KINESIS_PORT = 4568;
    public static final int DEFAULT_DYNAMODB_PORT = 8000;
    public static final int DEFAULT_S3_PORT = 9000;
    /** As on AWS. */
    public static final Duration DEFAULT_SUBSCRIPTION_LIMIT = Duration.ofMinutes(5);

    public LocalStackOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(nodeCommand, "nodeCommand");
        Objects.requireNonNull(logDir, "logDir");
        Objects.requireNonNull(kinesisLimits, "kinesisLimits");
        Objects.requireNonNull(subscriptionLimit, "subscriptionLimit");
        if (subscriptionLimit.toMillis() < 1) {
            throw new IllegalArgumentException("subscriptionLimit must be at least 1 ms, not " + subscriptionLimit);
        }
    }

    /** Subscriptions of AWS's length. */
    public LocalStackOptions(int kinesisPort, int dynamoDbPort, int s3Port, Path dataDir, boolean persist,
                             String nodeCommand, Path logDir, KinesisLimits kinesisLimits) {
        this(kinesisPort, dynamoDbPort, s3Port, dataDir, persist, nodeCommand, logDir, kinesisLimits,
                DEFAULT_SUBSCRIPTION_LIMIT);
    }

    /** Free ports, a given data directory, in memory, no Kinesis limits: what tests use by default. */
    public static LocalStackOptions onFreePorts(Path dataDir, Path logDir) {
        return new LocalStackOptions(Ports.freePort(), Ports.freePort(), Ports.freePort(), dataDir, false, "node", logDir,
                KinesisLimits.OFF);
    }

    /** The same options with Kinesis's limits on or off. */
    public LocalStackOptions withKinesisLimits(KinesisLimits limits) {
        return new LocalStackOptions(kinesisPort, dynamoDbPort, s3Port, dataDir, persist, nodeCommand, logDir, limits,
                subscriptionLimit);
    }

    /** The same options with SubscribeToShard subscriptions that last {@code limit}. */
    public LocalStackOptions withSubscriptionLimit(Duration limit) {
        return new LocalStackOptions(kinesisPort, dynamoDbPort, s3Port, dataDir, persist, nodeCommand, logDir,
                kinesisLimits, limit);
    }

    public Path s3Root() {
        return dataDir.resolve("s3");
    }
}
