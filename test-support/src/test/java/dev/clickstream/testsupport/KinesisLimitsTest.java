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
 * nothing here, so every refusal shows (enhanced fan-out's rates: SubscribeToShardTest).
 */
class KinesisLimitsTest {
    private static final String THROTTLED = "ProvisionedThroughputExceededException";
    /** Calls sent back to back to go over a limit: far more than a second's worth on any machine. */
    private static final int BURST_CALLS = 20;

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
        // a full bucket: a call of 500 goes through whole
        assertThat(put(500, 10).failedRecordCount()).isZero();
        int accepted = 500;
        // then calls of 500 back to back, as fast as this machine sends them, until one is refused:
        // the bound only keeps a machine too slow to outrun the refill from looping for ever
        PutRecordsResponse over = null;
        for (int call = 0; call < BURST_CALLS && over == null; call++) {
            PutRecordsResponse answer = put(500, 10);
            accepted += 500 - answer.failedRecordCount();
            if (answer.failedRecordCount() > 0) over = answer;
        }
        assertThat(over).as("a refusal within %d calls of 500", BURST_CALLS).isNotNull();
        List<PutRecordsResultEntry> failed = over.records().stream().filter(r -> r.errorCode() != null).toList();
        assertThat(over.failedRecordCount()).isEqualTo(failed.size());
        assertThat(failed).allSatisfy(r -> {
            assertThat(r.errorCode()).isEqualTo(THROTTLED);
            assertThat(r.errorMessage()).contains("Rate exceeded for shard shardId-000000000000 in stream " + stream);
            assertThat(r.sequenceNumber()).isNull();
        });
        assertThat(over.records().stream().filter(r -> r.errorCode() == null))
                .allSatisfy(r -> assertThat(r.sequenceNumber()).isNotBlank());

        assertThat(readAll()).as("only the accepted records are stored").isEqualTo(accepted);
    }

    @ParameterizedTest(name = "CBOR enabled: {0}")
    @ValueSource(booleans = {true, false})
    void writesOverAMebibyteASecondFailPerEntryAndPutRecordWhole(boolean cbor) {
        open(cbor);
        assertThat(put(10, 100_000).failedRecordCount()).as("1,000,000 bytes, 10 records").isZero();
        boolean refused = false;
        for (int call = 0; call < BURST_CALLS && !refused; call++) {
            refused = put(10, 100_000).failedRecordCount() > 0;
        }
        assertThat(refused).as("a refusal within %d calls of 1,000,000 bytes", BURST_CALLS).isTrue();
        ProvisionedThroughputExceededException whole = null;
        for (int call = 0; call < BURST_CALLS && whole == null; call++) {
            try {
                kinesis.putRecord(r -> r.streamName(stream).partitionKey("k")
                        .data(SdkBytes.fromByteArray(new byte[512 * 1024])));
            } catch (ProvisionedThroughputExceededException e) {
                whole = e;
            }
        }
        assertThat(whole).as("a PutRecord of 512 KiB refused whole within %d calls", BURST_CALLS).isNotNull();
        assertThat(whole.statusCode()).isEqualTo(400);
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
        // a sixth read within the second; on a machine slow enough to have let the bucket refill
        // meanwhile, the next ones back to back
        ProvisionedThroughputExceededException refused = null;
        for (int read = 0; read < BURST_CALLS * 5 && refused == null; read++) {
            try {
                kinesis.getRecords(r -> r.shardIterator(iterator));
            } catch (ProvisionedThroughputExceededException e) {
                refused = e;
            }
        }
        assertThat(refused).as("a read refused").isNotNull();
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.awsErrorDetails().errorMessage()).contains("Rate exceeded for shard");

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
        // 6 records of 1,000,000 bytes: each waits for the write bucket to refill
        for (int i = 0; i < 6; i++) {
            Poll.until(java.time.Duration.ofSeconds(30), "a 1,000,000-byte record written",
                    () -> put(1, 1_000_000).failedRecordCount() == 0);
        }
        GetRecordsResponse big = kinesis.getRecords(r -> r.shardIterator(iterator()));
        assertThat(big.records()).hasSize(6);
        // 6,000,000 bytes against 2 MiB/s: the shard's reads wait about 2 s until the debt is
        // repaid, although four calls are left this second
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
