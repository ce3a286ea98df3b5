package dev.clickstream.testsupport;

import java.util.Set;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** Kinesis clients of the local stack speaking one wire protocol, for the engine's own tests. */
final class WireClients {
    private WireClients() {}

    /**
     * A client with CBOR on or off, which notes the content type of each request it sends and, unless
     * {@code retries}, surfaces every error at once. The SDK reads its CBOR switch when a client is
     * built, so it is set for this one build only.
     */
    static KinesisClient kinesis(LocalAws aws, boolean cbor, boolean retries, Set<String> contentTypes) {
        String property = SdkSystemSetting.CBOR_ENABLED.property();
        String previous = System.getProperty(property);
        System.setProperty(property, Boolean.toString(cbor));
        try {
            return aws.settings(aws.endpoints().kinesis()).configure(KinesisClient.builder())
                    .httpClient(UrlConnectionHttpClient.create())
                    .overrideConfiguration(c -> {
                        c.addExecutionInterceptor(new ExecutionInterceptor() {
                            @Override
                            public void beforeTransmission(Context.BeforeTransmission context,
                                                           ExecutionAttributes attributes) {
                                context.httpRequest().firstMatchingHeader("Content-Type").ifPresent(contentTypes::add);
                            }
                        });
                        if (!retries) {
                            c.retryStrategy(AwsRetryStrategy.doNotRetry());
                        }
                    })
                    .build();
        } finally {
            if (previous == null) System.clearProperty(property); else System.setProperty(property, previous);
        }
    }

    /**
     * An async client over HTTP/2, as the KCL builds it toward AWS: toward the engine's http://
     * endpoint the SDK's Netty client speaks h2c with prior knowledge. It retries nothing, so every
     * refusal shows; {@code interceptors} see each call.
     */
    static KinesisAsyncClient http2(LocalAws aws, ExecutionInterceptor... interceptors) {
        return aws.settings(aws.endpoints().kinesis()).configure(KinesisAsyncClient.builder())
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP2))
                .overrideConfiguration(c -> {
                    c.retryStrategy(AwsRetryStrategy.doNotRetry());
                    for (ExecutionInterceptor interceptor : interceptors) c.addExecutionInterceptor(interceptor);
                })
                .build();
    }
}
