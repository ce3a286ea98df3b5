package dev.clickstream.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clickstream.local.KinesisLimits;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * The local Kinesis with {@code --kinesis-limits aws} enforces Kinesis's per-shard limits and
 * answers as Kinesis does, in both wire protocols: a burst over a limit is refused (PutRecords per
 * entry, with FailedRecordCount; PutRecord and GetRecords for the whole call), traffic under it
 * never is. Each test has a fresh one-shard stream, so its buckets start full. The SDK retries
 * nothing here, so every refusal shows.
 */
class KinesisLimitsTest {
    private static final String THROTTLED = "ProvisionedThroughputExceededException";

    @TempDir
    static Path dir;
    private static LocalAws aws;

    private final Set<String> contentTypes = ConcurrentHashMap.newKeySet();
    private KinesisClient kinesis;
    private String stream;

    @BeforeAll
    static void startStack() throws Exception {
        aws = LocalAws.startWith(KinesisLimits.AWS, dir);
    }

    @AfterAll
    static void stopStack() {
        if (aws != null) aws.close();
    }

    @AfterEach
    void closeClient() {
        if (kinesis != null) kinesis.close();
        assertThat(contentTypes).as("one protocol per client").hasSizeLessThanOrEqualTo(1);
    }

    private void open(boolean cbor) {
        kinesis = WireClients.kinesis(aws, cbor, false, contentTypes);
        stream = LocalAws.uniqueName("limits");
        aws.createStream(stream, 1);
    }

    @ParameterizedTest(name = "CBOR enabled: {0}")
    @ValueSource(booleans = {true, false})
    void writesOverAThousandRecordsASecondFailPerEntry(boolean cbor) {
        open(cbor);
        // a full bucket: one second of writes goes through at once
        assertThat(put(500, 10).failedRecordCount()).isZero();
        assertThat(put(500, 10).failedRecordCount()).isZero();

        PutRecordsResponse over = put(500, 10);
        List<PutRecordsResultEntry> failed = over.records().stream().filter(r -> r.errorCode() != null).toList();
        assertThat(over.failedRecordCount()).isPositive().isEqualTo(failed.size());
        assertThat(failed).allSatisfy(r -> {
            assertThat(r.errorCode()).isEqualTo(THROTTLED);
            assertThat(r.errorMessage()).contains("Rate exceeded for shard shardId-000000000000 in stream " + stream);
            assertThat(r.sequenceNumber()).isNull();
        });
        int accepted = 1000 + 500 - failed.size();
        assertThat(over.records().stream().filter(r -> r.errorCode() == null))
                .allSatisfy(r -> assertThat(r.sequenceNumber()).isNotBlank());

        assertThat(readAll()).as("only the accepted records are stored").isEqualTo(accepted);
    }

    @ParameterizedTest(name = "CBOR enabled: {0}")
    @ValueSource(booleans = {true, false})
    void writesOverAMebibyteASecondFailPerEntryAndPutRecordWhole(boolean cbor) {
        open(cbor);
        assertThat(put(10, 100_000).failedRecordCount()).as("1,000,000 bytes, 10 records").isZero();
        assertThat(put(10, 100_000).failedRecordCount()).as("the next 1,000,000 bytes at once").isPositive();
        // half a second of the byte limit, which the shard has not had since
        assertThatThrownBy(() -> kinesis.putRecord(r -> r.streamName(stream).partitionKey("k")
                .data(SdkBytes.fromByteArray(new byte[512 * 1024]))))
                .isInstanceOfSatisfying(ProvisionedThroughputExceededException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(400));
    }

    @ParameterizedTest(name = "CBOR enabled: {0}")
    @ValueSource(booleans = {true, false})
    void writesUnderTheLimitsAreNeverRefused(boolean cbor) {
        open(cbor);
        // 50 records of 1 KB every 100 ms: half the record limit, a twentieth of the byte limit
        for (int call = 0; call < 20; call++) {
            assertThat(put(50, 1000).failedRecordCount()).as("call %d", call).isZero();
            LockSupport.parkNanos(100_000_000L);
        }
    }

    @ParameterizedTest(name = "CBOR enabled: {0}")
    @ValueSource(booleans = {true, false})
    void recordsAndCallsOverTheSizeLimitsAreInvalid(boolean cbor) {
        open(cbor);
        assertThatThrownBy(() -> kinesis.putRecord(r -> r.streamName(stream).partitionKey("k")
                .data(SdkBytes.fromByteArray(new byte[1024 * 1024]))))
                .as("1 MiB of data and a partition key").isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> put(6, 880_000))
                .as("5,280,000 bytes in one PutRecords").isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("5242880");
        assertThat(readAll()).isZero();
    }

    @ParameterizedTest(name = "CBOR enabled: {0}")
    @ValueSource(booleans = {true, false})
    void aSixthReadWithinASecondIsRefusedAndFourASecondNeverAre(boolean cbor) {
        open(cbor);
        String iterator = iterator();
        for (int read = 0; read < 5; read++) {
            kinesis.getRecords(r -> r.shardIterator(iterator));
        }
        assertThatThrownBy(() -> kinesis.getRecords(r -> r.shardIterator(iterator)))
                .isInstanceOfSatisfying(ProvisionedThroughputExceededException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).contains("Rate exceeded for shard");
                });

        LockSupport.parkNanos(1_000_000_000L); // the bucket refills: then 4 reads a second, for 2 s
        for (int read = 0; read < 8; read++) {
            kinesis.getRecords(r -> r.shardIterator(iterator));
            LockSupport.parkNanos(250_000_000L);
        }
    }

    @ParameterizedTest(name = "CBOR enabled: {0}")
    @ValueSource(booleans = {true, false})
    void readsAreRefusedUntilTheBytesOfALargeAnswerAreRepaid(boolean cbor) {
        open(cbor);
        // 3 records of 1,000,000 bytes: each waits for the write bucket to refill
        for (int i = 0; i < 3; i++) {
            Poll.until(java.time.Duration.ofSeconds(30), "a 1,000,000-byte record written",
                    () -> put(1, 1_000_000).failedRecordCount() == 0);
        }
        GetRecordsResponse big = kinesis.getRecords(r -> r.shardIterator(iterator()));
        assertThat(big.records()).hasSize(3);
        // 3,000,000 bytes against 2 MiB/s: the shard's reads wait until the debt is repaid,
        // although four calls are left this second
        assertThatThrownBy(() -> kinesis.getRecords(r -> r.shardIterator(big.nextShardIterator())))
                .isInstanceOf(ProvisionedThroughputExceededException.class);
        Poll.until(java.time.Duration.ofSeconds(10), "reads allowed again",
                () -> kinesis.getRecords(r -> r.shardIterator(big.nextShardIterator())).records().isEmpty());
    }

    private PutRecordsResponse put(int records, int bytes) {
        List<PutRecordsRequestEntry> entries = IntStream.range(0, records).mapToObj(i -> PutRecordsRequestEntry.builder()
                .partitionKey("key-" + i).data(SdkBytes.fromByteArray(new byte[bytes])).build()).toList();
        return kinesis.putRecords(r -> r.streamName(stream).records(entries));
    }

    private String iterator() {
        return kinesis.getShardIterator(r -> r.streamName(stream).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    }

    /** Counts the shard's records, waiting out refused reads. */
    private int readAll() {
        int[] count = {0};
        String[] next = {iterator()};
        Poll.until(java.time.Duration.ofSeconds(30), "the shard read to its tip", () -> {
            GetRecordsResponse answer = kinesis.getRecords(r -> r.shardIterator(next[0]).limit(10_000));
            count[0] += answer.records().size();
            next[0] = answer.nextShardIterator();
            return answer.records().isEmpty();
        });
        return count[0];
    }
}
