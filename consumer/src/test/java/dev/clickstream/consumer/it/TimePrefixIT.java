package dev.clickstream.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.consumer.kcl.ConsumerRuntime;
import dev.clickstream.testsupport.LocalAws;
import dev.clickstream.testsupport.LocalStackExtension;
import dev.clickstream.testsupport.Poll;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** Issue 12 part 2: with s3.timePrefix, every key carries its first record's arrival time, in UTC, after s3.prefix. */
@ExtendWith(LocalStackExtension.class)
class TimePrefixIT {
    private static final DateTimeFormatter PATTERN = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH/mm/").withZone(ZoneOffset.UTC);

    @Test
    void keysCarryTheTimePrefixOfTheirFirstRecordsArrival(LocalAws aws) {
        ConsumerFixture f = new ConsumerFixture(aws, "timeprefix").set("s3.prefix", "clicks/")
                .set("s3.timePrefix", "yyyy/MM/dd/HH/mm/").set("compression", "gzip").set("maxBufferSize", "1024");
        aws.createStream(f.stream, 2);
        List<StreamWriter.Written> written = f.writer().putText("tp", 200);

        try (ConsumerRuntime consumer = f.startInProcess(List.of())) {
            Poll.until(ConsumerFixture.ARCHIVE_DEADLINE, "every shard checkpointed at its last record",
                    () -> f.checkpointedAll(written));
        }

        ArchiveChecker.Result result = f.archive().check(written);
        assertThat(result.duplicates()).isZero();
        Map<String, Instant> arrivals = arrivalTimes(aws.kinesis(), f.stream);
        List<ArchiveChecker.ArchivedObject> objects = result.objectsByShard().values().stream().flatMap(List::stream).toList();
        assertThat(objects).hasSizeGreaterThan(2).allSatisfy(o -> {
            assertThat(o.key()).endsWith(".gz");
            assertThat(o.keyPrefix()).isEqualTo("clicks/" + PATTERN.format(arrivals.get(o.first().toString())));
        });
    }

    /** Sequence number → ApproximateArrivalTimestamp of every record in the stream. */
    private static Map<String, Instant> arrivalTimes(KinesisClient kinesis, String stream) {
        Map<String, Instant> arrivals = new HashMap<>();
        for (Shard shard : kinesis.listShards(r -> r.streamName(stream)).shards()) {
            String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String from = iterator;
                GetRecordsResponse page = kinesis.getRecords(r -> r.shardIterator(from));
                for (Record record : page.records()) {
                    arrivals.put(record.sequenceNumber(), record.approximateArrivalTimestamp());
                }
                iterator = page.records().isEmpty() || page.millisBehindLatest() == 0 ? null : page.nextShardIterator();
            }
        }
        return arrivals;
    }
}
