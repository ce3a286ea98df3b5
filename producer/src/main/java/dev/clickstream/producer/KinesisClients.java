package dev.clickstream.producer;

import dev.clickstream.producer.config.ProducerConfig;
import java.time.Duration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import java.util.List;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;

/** The Kinesis client the producer runs with. */
final class KinesisClients {
    /** No call may hang the producer; a PutRecords of 500 small records takes milliseconds. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private KinesisClients() {}

    /** Interceptors are for tests that inject failures or record timings. */
    static KinesisAsyncClient build(ProducerConfig config, ExecutionInterceptor... interceptors) {
        return config.aws().configure(KinesisAsyncClient.builder())
                // HTTP/1.1: PutRecords gains nothing from HTTP/2, and the local emulator speaks plain http
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .protocol(Protocol.HTTP1_1)
                        .maxConcurrency(config.maxInFlight() + 2)
                        .connectionTimeout(Duration.ofSeconds(5)))
                // The producer retries by itself, resending only the failed entries of a call, and
                // counts every retry; SDK retries underneath would resend whole batches unseen.
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(CALL_TIMEOUT)
                        .executionInterceptors(List.of(interceptors)))
                .build();
    }
}
