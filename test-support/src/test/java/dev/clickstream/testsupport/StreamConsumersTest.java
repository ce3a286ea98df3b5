package dev.clickstream.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Consumer;
import software.amazon.awssdk.services.kinesis.model.ConsumerDescription;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ListStreamConsumersResponse;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/**
 * The local Kinesis's enhanced fan-out consumers, in both wire protocols: registered CREATING and
 * then ACTIVE, under ARNs formed as Kinesis forms them, at most 20 to a stream, listed in pages,
 * deregistered through DELETING, and removed with their stream, which is deleted only when told to.
 */
@ExtendWith(LocalStackExtension.class)
class StreamConsumersTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @ParameterizedTest(name = "CBOR enabled: {0}")
    @ValueSource(booleans = {true, false})
    void consumersAreRegisteredListedDeregisteredAndRemovedWithTheirStream(boolean cbor, LocalAws aws) {
        try (KinesisClient kinesis = WireClients.kinesis(aws, cbor, false, ConcurrentHashMap.newKeySet())) {
            registerListDeregisterAndDelete(kinesis, aws);
        }
    }

    private static void registerListDeregisterAndDelete(KinesisClient kinesis, LocalAws aws) {
        String stream = LocalAws.uniqueName("consumers");
        aws.createStream(stream, 1);
        String streamArn = kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary().streamARN();
        Instant before = Instant.now().minusSeconds(1);

        Consumer first = kinesis.registerStreamConsumer(r -> r.streamARN(streamArn).consumerName("app-00")).consumer();
        assertThat(first.consumerStatus()).isEqualTo(ConsumerStatus.CREATING);
        assertThat(first.consumerCreationTimestamp()).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(first.consumerARN()).isEqualTo(streamArn + "/consumer/app-00:" + first.consumerCreationTimestamp().getEpochSecond());
        Poll.until(WAIT, "app-00 ACTIVE", () -> kinesis.describeStreamConsumer(r -> r.consumerARN(first.consumerARN()))
                .consumerDescription().consumerStatus() == ConsumerStatus.ACTIVE);
        ConsumerDescription byName = kinesis.describeStreamConsumer(r -> r.streamARN(streamArn).consumerName("app-00"))
                .consumerDescription();
        assertThat(byName.consumerARN()).isEqualTo(first.consumerARN());
        assertThat(byName.streamARN()).isEqualTo(streamArn);
        assertThatThrownBy(() -> kinesis.registerStreamConsumer(r -> r.streamARN(streamArn).consumerName("app-00")))
                .isInstanceOf(ResourceInUseException.class);
        assertThatThrownBy(() -> kinesis.registerStreamConsumer(r -> r.streamARN(streamArn + "-missing").consumerName("app")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> kinesis.registerStreamConsumer(r -> r.streamARN(streamArn).consumerName("no spaces")))
                .isInstanceOf(KinesisException.class)
                .satisfies(e -> assertThat(((KinesisException) e).awsErrorDetails().errorCode()).isEqualTo("ValidationException"))
                .hasMessageContaining("consumerName");

        IntStream.range(1, 20).forEach(i -> kinesis.registerStreamConsumer(r -> r.streamARN(streamArn)
                .consumerName(String.format("app-%02d", i))));
        assertThatThrownBy(() -> kinesis.registerStreamConsumer(r -> r.streamARN(streamArn).consumerName("app-20")))
                .as("a 21st consumer").isInstanceOf(LimitExceededException.class);
        assertThat(kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary().consumerCount())
                .isEqualTo(20);

        ListStreamConsumersResponse page = kinesis.listStreamConsumers(r -> r.streamARN(streamArn).maxResults(7));
        assertThat(page.consumers()).hasSize(7);
        assertThat(page.nextToken()).isNotBlank();
        List<String> listed = kinesis.listStreamConsumersPaginator(r -> r.streamARN(streamArn).maxResults(7)).stream()
                .flatMap(p -> p.consumers().stream()).map(Consumer::consumerName).toList();
        assertThat(listed).containsExactlyElementsOf(IntStream.range(0, 20).mapToObj(i -> String.format("app-%02d", i)).toList());

        kinesis.deregisterStreamConsumer(r -> r.consumerARN(first.consumerARN()));
        assertThat(kinesis.describeStreamConsumer(r -> r.consumerARN(first.consumerARN())).consumerDescription()
                .consumerStatus()).isIn(ConsumerStatus.DELETING);
        Poll.until(WAIT, "app-00 gone", () -> {
            try {
                kinesis.describeStreamConsumer(r -> r.consumerARN(first.consumerARN()));
                return false;
            } catch (ResourceNotFoundException e) {
                return true;
            }
        });
        kinesis.deregisterStreamConsumer(r -> r.streamARN(streamArn).consumerName("app-01"));

        assertThatThrownBy(() -> kinesis.deleteStream(r -> r.streamName(stream)))
                .as("a stream with consumers, deleted without EnforceConsumerDeletion").isInstanceOf(ResourceInUseException.class);
        String kept = kinesis.describeStreamConsumer(r -> r.streamARN(streamArn).consumerName("app-02")).consumerDescription()
                .consumerARN();
        kinesis.deleteStream(r -> r.streamName(stream).enforceConsumerDeletion(true));
        Poll.until(WAIT, "stream deleted", () -> {
            try {
                kinesis.describeStreamSummary(r -> r.streamName(stream));
                return false;
            } catch (ResourceNotFoundException e) {
                return true;
            }
        });
        // a stream of the same name starts with no consumers
        aws.createStream(stream, 1);
        assertThat(kinesis.listStreamConsumers(r -> r.streamARN(streamArn)).consumers()).isEmpty();
        assertThatThrownBy(() -> kinesis.describeStreamConsumer(r -> r.consumerARN(kept)))
                .isInstanceOf(ResourceNotFoundException.class);
        kinesis.deleteStream(r -> r.streamName(stream));
    }
}
