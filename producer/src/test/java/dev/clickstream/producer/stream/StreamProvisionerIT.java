package dev.clickstream.producer.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clickstream.common.cli.CliException;
import dev.clickstream.testsupport.LocalAws;
import dev.clickstream.testsupport.LocalStackExtension;
import dev.clickstream.testsupport.Poll;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamRequest;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamResponse;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryResponse;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/** Provisioning against the local stack's kinesalite; a stuck status is injected by rewriting responses. */
@ExtendWith(LocalStackExtension.class)
class StreamProvisionerIT {
    private static final Duration POLL = Duration.ofMillis(200);

    private final List<String> console = new CopyOnWriteArrayList<>();

    @Test
    void aMissingStreamIsCreatedAndAwaitedUntilActive(LocalAws aws) throws Exception {
        String stream = LocalAws.uniqueName("provision-new");
        try (KinesisClient client = client(aws)) {
            StreamProvisioner.Ready ready = provisioner(client, Duration.ofSeconds(30)).ensureActive(stream, 2);

            assertThat(ready).isEqualTo(new StreamProvisioner.Ready(true, 2));
        }
        assertThat(aws.kinesis().describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary()
                .streamStatus()).isEqualTo(StreamStatus.ACTIVE);
        assertThat(console).first().isEqualTo("creating stream " + stream + " with 2 shards");
        assertThat(console).last().isEqualTo("stream " + stream + " is ACTIVE with 2 open shards");
    }

    @Test
    void anExistingStreamIsReusedAndAShardCountMismatchIsNoted(LocalAws aws) throws Exception {
        String stream = LocalAws.uniqueName("provision-existing");
        aws.createStream(stream, 1);
        try (KinesisClient client = client(aws)) {
            StreamProvisioner.Ready ready = provisioner(client, Duration.ofSeconds(30)).ensureActive(stream, 3);

            assertThat(ready).isEqualTo(new StreamProvisioner.Ready(false, 1));
        }
        assertThat(console).contains("stream " + stream + " already exists; re-using it",
                "note: the stream has 1 open shards, not 3; events still use resource-0 ... resource-2");
    }

    @Test
    void aStreamThatNeverBecomesActiveTimesOutWithItsLastStatus(LocalAws aws) {
        String stream = LocalAws.uniqueName("never-active");
        try (KinesisClient client = client(aws, reportStatus(StreamStatus.CREATING))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> provisioner(client, Duration.ofSeconds(2)).ensureActive(stream, 1))
                    .isInstanceOf(CliException.class)
                    .hasMessage("stream " + stream + " is not ACTIVE after 2s (last status: CREATING); "
                            + "raise --ready-timeout or check the stream")
                    .satisfies(e -> assertThat(((CliException) e).exitCode()).isEqualTo(1));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
        assertThat(console).anyMatch(line -> line.startsWith("stream " + stream + ": CREATING, waiting up to 2s"));
    }

    @Test
    void anInterruptWhileWaitingEndsTheWaitWithInterruptedException(LocalAws aws) throws Exception {
        String stream = LocalAws.uniqueName("interrupted");
        try (KinesisClient client = client(aws, reportStatus(StreamStatus.CREATING))) {
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread waiting = new Thread(() -> {
                try {
                    provisioner(client, Duration.ofMinutes(5)).ensureActive(stream, 1);
                    outcome.complete(null);
                } catch (Throwable t) {
                    outcome.complete(t);
                }
            });
            waiting.start();
            Poll.until(Duration.ofSeconds(30), "the provisioner waiting for ACTIVE",
                    () -> console.stream().anyMatch(line -> line.contains("waiting up to")));
            waiting.interrupt();

            assertThat(outcome.get(30, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        }
    }

    @Test
    void aStreamBeingDeletedEndsTheWaitAtOnce(LocalAws aws) {
        String stream = LocalAws.uniqueName("deleting");
        aws.createStream(stream, 1);
        try (KinesisClient client = client(aws, reportStatus(StreamStatus.DELETING))) {
            assertThatThrownBy(() -> provisioner(client, Duration.ofMinutes(5)).ensureActive(stream, 1))
                    .isInstanceOf(CliException.class)
                    .hasMessage("stream " + stream + " is being deleted; try again once it is gone");
        }
    }

    @Test
    void anErrorTheWaiterDoesNotRetryEndsTheWaitWithOneLine(LocalAws aws) {
        String stream = LocalAws.uniqueName("vanishing");
        // the summary says CREATING, then DescribeStream finds no such stream
        ExecutionInterceptor creatingThenGone = new ExecutionInterceptor() {
            @Override
            public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
                if (context.response() instanceof DescribeStreamSummaryResponse r) {
                    return r.toBuilder().streamDescriptionSummary(
                            r.streamDescriptionSummary().toBuilder().streamStatus(StreamStatus.CREATING).build()).build();
                }
                return context.response();
            }

            @Override
            public SdkRequest modifyRequest(Context.ModifyRequest context,
                                                                        ExecutionAttributes attributes) {
                if (context.request() instanceof DescribeStreamRequest d) {
                    return d.toBuilder().streamName(stream + "-gone").build();
                }
                return context.request();
            }
        };
        try (KinesisClient client = client(aws, creatingThenGone)) {
            assertThatThrownBy(() -> provisioner(client, Duration.ofMinutes(5)).ensureActive(stream, 1))
                    .isInstanceOf(CliException.class)
                    .hasMessageStartingWith("cannot describe stream " + stream + ": ")
                    .hasMessageContaining("ResourceNotFoundException")
                    .hasMessageNotContaining("\n");
        }
    }

    private StreamProvisioner provisioner(KinesisClient client, Duration readyTimeout) {
        return new StreamProvisioner(client, POLL, readyTimeout, console::add);
    }

    /** Rewrites every status the stream reports, in DescribeStream and DescribeStreamSummary alike. */
    private static ExecutionInterceptor reportStatus(StreamStatus status) {
        return new ExecutionInterceptor() {
            @Override
            public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
                if (context.response() instanceof DescribeStreamSummaryResponse r) {
                    return r.toBuilder().streamDescriptionSummary(
                            r.streamDescriptionSummary().toBuilder().streamStatus(status).build()).build();
                }
                if (context.response() instanceof DescribeStreamResponse r) {
                    return r.toBuilder().streamDescription(
                            r.streamDescription().toBuilder().streamStatus(status).build()).build();
                }
                return context.response();
            }
        };
    }

    private static KinesisClient client(LocalAws aws, ExecutionInterceptor... interceptors) {
        return aws.settings(aws.endpoints().kinesis()).configure(KinesisClient.builder())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> List.of(interceptors).forEach(o::addExecutionInterceptor))
                .build();
    }
}
