package dev.clickstream.consumer.kcl;

import dev.clickstream.consumer.config.ConsumerConfig;
import dev.clickstream.consumer.config.RetrievalMode;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClientBuilder;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.kinesis.common.KinesisClientUtil;

/**
 * The consumer's SDK clients, async as the KCL needs them, on one Netty event loop group; in
 * polling mode GetRecords alone goes through a blocking client ({@link BlockingGetRecords}).
 * Built once from the configuration; {@link #close()} closes them all.
 */
public record AwsClients(KinesisAsyncClient kinesis, DynamoDbAsyncClient dynamoDb, CloudWatchAsyncClient cloudWatch,
                         S3AsyncClient s3, SdkEventLoopGroup eventLoops) implements AutoCloseable {

    /**
     * The SDK's standard retries for GetRecords, except of refused reads (ProvisionedThroughputExceeded,
     * HTTP 400), which {@link BlockingGetRecords} counts and paces itself.
     */
    private static final RetryStrategy RETRY_ALL_BUT_THROTTLING = DefaultRetryStrategy.standardStrategyBuilder()
            .retryOnException(e -> e instanceof SdkClientException
                    || e instanceof SdkServiceException service && service.statusCode() >= 500)
            .build();

    /**
     * @param onThrottledRead called for every GetRecords the shard refused (polling mode)
     */
    public static AwsClients create(ConsumerConfig config, List<ExecutionInterceptor> s3Interceptors,
                                    Runnable onThrottledRead) {
        // one event loop group for all clients: each would otherwise start 2 × cores threads, each
        // with its own Netty buffer caches, for a handful of connections
        SdkEventLoopGroup eventLoops = SdkEventLoopGroup.builder().build();
        KinesisAsyncClientBuilder kinesis = config.endpoints().kinesisSettings().configure(KinesisAsyncClient.builder());
        KinesisAsyncClient kinesisClient;
        if (config.kcl().retrievalMode() == RetrievalMode.FANOUT) {
            // SubscribeToShard needs the HTTP/2 settings the KCL's helper applies; the same toward the
            // local stack, whose kinesalite speaks h2c (prior knowledge) on its HTTP/1.1 port
            kinesisClient = KinesisClientUtil.createKinesisAsyncClient(kinesis);
        } else {
            NettyNioAsyncHttpClient.Builder http = NettyNioAsyncHttpClient.builder().eventLoopGroup(eventLoops)
                    .maxConcurrency(Integer.MAX_VALUE);
            config.endpoints().kinesisSettings().asyncProtocol().ifPresent(http::protocol);
            KinesisClient blocking = config.endpoints().kinesisSettings().configure(KinesisClient.builder())
                    .overrideConfiguration(o -> o.retryStrategy(RETRY_ALL_BUT_THROTTLING))
                    .httpClient(UrlConnectionHttpClient.create()).build();
            kinesisClient = BlockingGetRecords.wrap(kinesis.httpClientBuilder(http).build(), blocking,
                    ReadPacing.of(config.kcl(), config.processing().processor().quietReadHold(config.values())),
                    onThrottledRead);
        }
        DynamoDbAsyncClient dynamoDb = config.endpoints().dynamoDbSettings().configure(DynamoDbAsyncClient.builder())
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().eventLoopGroup(eventLoops)).build();
        CloudWatchAsyncClient cloudWatch = config.endpoints().cloudWatchSettings().configure(CloudWatchAsyncClient.builder())
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().eventLoopGroup(eventLoops)).build();
        S3AsyncClient s3 = config.endpoints().s3Settings().configure(S3AsyncClient.builder())
                // S3-compatible servers (the local stack) need path-style; AWS accepts it too
                .forcePathStyle(config.endpoints().s3().isPresent())
                .overrideConfiguration(o -> {
                    s3Interceptors.forEach(o::addExecutionInterceptor);
                    o.apiCallTimeout(Duration.ofMinutes(2));
                })
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().eventLoopGroup(eventLoops).maxConcurrency(256))
                .build();
        return new AwsClients(kinesisClient, dynamoDb, cloudWatch, s3, eventLoops);
    }

    @Override
    public void close() {
        kinesis.close();
        dynamoDb.close();
        cloudWatch.close();
        s3.close();
        // a group given to the clients is not theirs to close
        eventLoops.eventLoopGroup().shutdownGracefully();
    }
}
