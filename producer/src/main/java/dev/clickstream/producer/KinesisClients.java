package dev.clickstream.producer;

import dev.clickstream.producer.config.ProducerConfig;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** The Kinesis client the producer runs with: blocking, over the JDK's HTTP client (send.BatchSender says why). */
final class KinesisClients {
    /** No call may hang the producer; a PutRecords of 500 small records takes milliseconds. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    /** The JDK keeps this many idle connections per host for reuse (its default is 5). */
    static final String KEEP_ALIVE_PROPERTY = "http.maxConnections";

    private KinesisClients() {}

    /** Interceptors are for tests that inject failures or record timings. */
    static KinesisClient build(ProducerConfig config, ExecutionInterceptor... interceptors) {
        keepAliveFor(config.maxInFlight() + 1);
        return config.aws().configure(KinesisClient.builder())
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(CALL_TIMEOUT))
                // The producer retries by itself, resending only the failed entries of a call, and
                // counts every retry; SDK retries underneath would resend whole batches unseen.
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(CALL_TIMEOUT)
                        .executionInterceptors(List.of(interceptors)))
                .build();
    }

    /**
     * Beyond the JDK's keep-alive cache, each call would open a new connection (and a TLS
     * handshake toward AWS): one per caller thread, plus the provisioner's. Read at the first
     * connection, so set before it; a value given with -D wins when larger.
     */
    private static void keepAliveFor(int connections) {
        int given = Integer.getInteger(KEEP_ALIVE_PROPERTY, 5);
        if (given < connections) {
            System.setProperty(KEEP_ALIVE_PROPERTY, String.valueOf(connections));
        }
    }
}
