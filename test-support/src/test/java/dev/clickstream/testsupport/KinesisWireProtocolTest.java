package dev.clickstream.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * The local stack's Kinesis speaks both wire protocols of the SDK: CBOR, its default (blobs as
 * bytes, timestamps in milliseconds), and JSON (base64, seconds), with answers well above the
 * 16 KiB at which unpatched kinesalite cut CBOR short, its errors, MillisBehindLatest above 0
 * while an answer is cut by its Limit (unpatched kinesalite always answered 0), and an AT_TIMESTAMP
 * iterator after the last record (which unpatched kinesalite never answered).
 */
@ExtendWith(LocalStackExtension.class)
class KinesisWireProtocolTest {
    private static final int RECORDS = 500;

    private final Set<String> contentTypes = ConcurrentHashMap.newKeySet();
    private KinesisClient kinesis;

    @AfterEach
    void closeClient() {
        if (kinesis != null) kinesis.close();
    }

    @ParameterizedTest(name = "CBOR enabled: {0}")
    @ValueSource(booleans = {true, false})
    void binaryRecordsAndTimestampsComeBackAsTheyWent(boolean cbor, LocalAws aws) {
        kinesis = client(aws, cbor);
        String stream = LocalAws.uniqueName("wire");
        aws.createStream(stream, 1);
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        List<PutRecordsRequestEntry> entries = IntStream.range(0, RECORDS).mapToObj(i -> PutRecordsRequestEntry.builder()
                .partitionKey("key-" + i).data(SdkBytes.fromByteArray(everyByte(i))).build()).toList();
        PutRecordsResponse put = kinesis.putRecords(r -> r.streamName(stream).records(entries));
        Instant after = Instant.now().plusSeconds(1);

        assertThat(contentTypes).as("content types sent")
                .containsExactly(cbor ? "application/x-amz-cbor-1.1" : "application/x-amz-json-1.1");
        assertThat(put.failedRecordCount()).isZero();
        assertThat(put.records()).hasSize(RECORDS).allSatisfy(r -> assertThat(r.sequenceNumber()).isNotBlank());

        String shard = put.records().get(0).shardId();
        List<Record> got = read(kinesis.getShardIterator(r -> r.streamName(stream).shardId(shard)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator());
        assertThat(got).hasSize(RECORDS);
        for (int i = 0; i < RECORDS; i++) {
            assertThat(got.get(i).data().asByteArray()).as("record %d", i).isEqualTo(everyByte(i));
            assertThat(got.get(i).partitionKey()).isEqualTo("key-" + i);
            assertThat(got.get(i).sequenceNumber()).isEqualTo(put.records().get(i).sequenceNumber());
            assertThat(got.get(i).approximateArrivalTimestamp()).isBetween(before, after);
        }

        Instant created = kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary()
                .streamCreationTimestamp();
        assertThat(created).isBetween(before.minusSeconds(60), after);

        List<Record> fromTimestamp = read(kinesis.getShardIterator(r -> r.streamName(stream).shardId(shard)
                .shardIteratorType(ShardIteratorType.AT_TIMESTAMP).timestamp(before)).shardIterator());
        assertThat(fromTimestamp).as("records at or after %s", before).hasSize(RECORDS);

        assertThatThrownBy(() -> kinesis.describeStreamSummary(r -> r.streamName(stream + "-missing")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining(stream + "-missing");

        // an answer cut by its Limit is behind the tip by the age of its last record; the rest is not
        String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shard)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        Instant asked = Instant.now();
        GetRecordsResponse firstPage = kinesis.getRecords(r -> r.shardIterator(iterator).limit(100));
        long age = Duration.between(firstPage.records().get(99).approximateArrivalTimestamp(), asked).toMillis();
        assertThat(firstPage.millisBehindLatest()).as("behind, after a page of 100").isPositive()
                .isGreaterThanOrEqualTo(age);
        GetRecordsResponse rest = kinesis.getRecords(r -> r.shardIterator(firstPage.nextShardIterator()));
        assertThat(rest.records()).hasSize(RECORDS - 100);
        assertThat(rest.millisBehindLatest()).as("behind, after the rest").isZero();

        // after the last record: an iterator at the tip, which reads what arrives from then on
        String atTip = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shard)
                .shardIteratorType(ShardIteratorType.AT_TIMESTAMP).timestamp(Instant.now().minusMillis(5))).shardIterator();
        GetRecordsResponse none = kinesis.getRecords(r -> r.shardIterator(atTip));
        assertThat(none.records()).as("records after the last one").isEmpty();
        kinesis.putRecord(r -> r.streamName(stream).partitionKey("key-0").data(SdkBytes.fromByteArray(everyByte(0))));
        assertThat(read(none.nextShardIterator())).as("the record put after the iterator").hasSize(1);
    }

    private List<Record> read(String iterator) {
        GetRecordsResponse answer = kinesis.getRecords(r -> r.shardIterator(iterator).limit(10_000));
        return answer.records();
    }

    /** 256 bytes, every value once, rotated by {@code i}: base64 padding and high bytes both occur. */
    private static byte[] everyByte(int i) {
        byte[] data = new byte[256 + i % 3];
        for (int b = 0; b < data.length; b++) data[b] = (byte) (b + i);
        return data;
    }

    private KinesisClient client(LocalAws aws, boolean cbor) {
        return WireClients.kinesis(aws, cbor, true, contentTypes);
    }
}
